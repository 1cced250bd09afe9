package io.swarmtv.ts;

/** Arithmetic on 33-bit 90 kHz MPEG timestamps, which wrap every 26.5 hours. */
public final class Timestamps {
  /** PTS and DTS count modulo 2^33. */
  public static final long PTS_MODULUS = 1L << 33;
  /** PTS ticks per second. */
  public static final long HZ = 90_000;

  private Timestamps() {}

  /** The signed distance from {@code from} to {@code to}, taking the shorter way round the wrap. */
  public static long delta(long from, long to) {
    long d = Math.floorMod(to - from, PTS_MODULUS);
    return d >= PTS_MODULUS / 2 ? d - PTS_MODULUS : d;
  }

  /** Adds a (possibly negative) offset, wrapping into 0..2^33-1. */
  public static long add(long pts, long offset) {
    return Math.floorMod(pts + offset, PTS_MODULUS);
  }

  public static long toMicros(long ticks) {
    return ticks * 100 / 9;
  }

  public static long fromMicros(long micros) {
    return micros * 9 / 100;
  }
}
