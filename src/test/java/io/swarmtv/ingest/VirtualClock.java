package io.swarmtv.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when something sleeps on it, so paced code runs instantly in tests. */
final class VirtualClock implements MicrosClock, Sleeper {
  private final AtomicLong now;

  VirtualClock(long startMicros) {
    this.now = new AtomicLong(startMicros);
  }

  @Override
  public long nowMicros() {
    return now.get();
  }

  @Override
  public void sleepMicros(long micros) {
    if (micros > 0) {
      now.addAndGet(micros);
    }
  }

  void advance(long micros) {
    now.addAndGet(micros);
  }
}
