package io.swarmtv.sim;

/**
 * Delays at 0.1 ms resolution up to a minute, for percentiles over millions of samples without
 * keeping them. (The swarm's own histogram is per node and package-private; this one pools every
 * peer's samples with the same rule for which chunks count.)
 */
final class DelayDistribution {
  private static final long RESOLUTION_MICROS = 100;
  private static final int BUCKETS = 600_001;
  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  void record(long micros) {
    long b = Math.max(0, micros / RESOLUTION_MICROS);
    counts[(int) Math.min(BUCKETS - 1, b)]++;
    total++;
    max = Math.max(max, micros);
  }

  long count() {
    return total;
  }

  /** The delay in microseconds that {@code fraction} of the samples do not exceed; 0 with none. */
  long percentile(double fraction) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, (i + 1) * RESOLUTION_MICROS);
      }
    }
    return max;
  }

  long max() {
    return max;
  }
}
