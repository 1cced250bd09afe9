package io.swarmtv.ingest;

import java.util.concurrent.locks.LockSupport;

/** Waits for a span of time; injected next to {@link MicrosClock} so tests can sleep virtually. */
@FunctionalInterface
public interface Sleeper {

  /** Returns after {@code micros} have passed (at once when not positive). */
  void sleepMicros(long micros) throws InterruptedException;

  /** Sleeps on the monotonic timer, to well under a millisecond, and wakes on interrupt. */
  static Sleeper system() {
    return micros -> {
      long deadline = System.nanoTime() + micros * 1_000;
      for (long left = micros * 1_000; left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    };
  }
}
