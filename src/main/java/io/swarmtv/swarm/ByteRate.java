package io.swarmtv.swarm;

/** Bytes a second over the last whole second of the clock: a neighbour's rate for the status page. */
final class ByteRate {
  private long second = Long.MIN_VALUE;
  private long current;
  private long previous;

  void add(long bytes, long nowMicros) {
    roll(nowMicros);
    current += bytes;
  }

  /** Bytes counted in the whole second before the current one; 0 if nothing came then. */
  long perSecond(long nowMicros) {
    roll(nowMicros);
    return previous;
  }

  private void roll(long nowMicros) {
    long s = Math.floorDiv(nowMicros, 1_000_000L);
    if (s != second) {
      previous = s == second + 1 ? current : 0;
      current = 0;
      second = s;
    }
  }
}
