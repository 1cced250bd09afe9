package io.swarmtv.swarm;

/**
 * A token bucket of upload bytes: refills at a rate, holds at most one second's worth, so an
 * upload limit is kept on average without stalling a burst of one or two chunks.
 */
final class UploadBudget {
  private final long bytesPerSecond;
  private double tokens;
  private long lastMicros = Long.MIN_VALUE;

  /** @param bytesPerSecond the limit; 0 for none */
  UploadBudget(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = bytesPerSecond;
  }

  /** Whether {@code bytes} may go now; if so they are taken from the budget. */
  boolean tryTake(long bytes, long nowMicros) {
    if (bytesPerSecond == 0) {
      return true;
    }
    if (lastMicros != Long.MIN_VALUE) {
      tokens = Math.min(bytesPerSecond, tokens + (nowMicros - lastMicros) * bytesPerSecond / 1e6);
    }
    lastMicros = nowMicros;
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }
}
