package io.swarmtv.swarm;

/** Delays at millisecond resolution up to a minute, for percentiles without keeping samples. */
final class DelayHistogram {
  private static final int BUCKETS = 60_001;
  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  void record(long micros) {
    long ms = Math.max(0, micros / 1000);
    counts[(int) Math.min(BUCKETS - 1, ms)]++;
    total++;
    max = Math.max(max, micros);
  }

  /** The delay in microseconds below which {@code fraction} of the samples fall; 0 with none. */
  long percentile(double fraction) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i * 1000L;
      }
    }
    return max;
  }

  long max() {
    return max;
  }
}
