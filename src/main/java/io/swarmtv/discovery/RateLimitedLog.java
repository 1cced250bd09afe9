package io.swarmtv.discovery;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Warnings about input from the network, at most one per period (the rest counted and told in the
 * next one), so a flood of bad datagrams cannot flood the log.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final long periodNanos;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /** A limiter writing to {@code log} at most once every {@code periodMicros}. */
  public RateLimitedLog(Logger log, long periodMicros) {
    this.log = log;
    this.periodNanos = periodMicros * 1000;
  }

  /** Warns, unless a warning went out less than a period ago. */
  public void warn(String format, Object... args) {
    long now = System.nanoTime();
    long due = next.get();
    if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + periodNanos)) {
      suppressed.incrementAndGet();
      return;
    }
    long n = suppressed.getAndSet(0);
    log.warn(n == 0 ? format : format + " (and " + n + " more like it since the last warning)", args);
  }
}
