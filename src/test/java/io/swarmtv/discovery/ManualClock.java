package io.swarmtv.discovery;

import io.swarmtv.ingest.MicrosClock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when the test moves it, for schedules tested without waiting. */
public final class ManualClock implements MicrosClock {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  @Override
  public long nowMicros() {
    return now.get();
  }

  /** Moves the clock on by {@code seconds}. */
  public void advanceSeconds(double seconds) {
    now.addAndGet((long) (seconds * 1_000_000));
  }
}
