package io.swarmtv.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time in microseconds, injected so that timing code can run on a virtual clock. */
@FunctionalInterface
public interface MicrosClock {

  long nowMicros();

  /**
   * Microseconds since the epoch that never step backwards: the wall clock is read once and then
   * advanced by the monotonic timer, so an NTP correction cannot stall or burst a paced feed.
   */
  static MicrosClock system() {
    long epochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    long startNanos = System.nanoTime();
    return () -> epochMicros + (System.nanoTime() - startNanos) / 1_000;
  }
}
