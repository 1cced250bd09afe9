package io.swarmtv.swarm;

/** The channel's bitrate as this node sees it: payload bytes stored over the last few seconds. */
final class StreamRate {
  static final long PERIOD_MICROS = 4_000_000;
  private long periodStart = Long.MIN_VALUE;
  private long bytesThisPeriod;
  private long bytesPerSecond;

  void add(int bytes, long nowMicros) {
    if (periodStart == Long.MIN_VALUE) {
      periodStart = nowMicros;
    }
    bytesThisPeriod += bytes;
    long elapsed = nowMicros - periodStart;
    if (elapsed >= PERIOD_MICROS) {
      bytesPerSecond = bytesThisPeriod * 1_000_000 / elapsed;
      bytesThisPeriod = 0;
      periodStart = nowMicros;
    }
  }

  /** The last full period's rate, or 0 before one has passed. */
  long bytesPerSecond() {
    return bytesPerSecond;
  }
}
