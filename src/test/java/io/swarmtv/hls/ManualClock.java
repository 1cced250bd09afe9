package io.swarmtv.hls;

import io.swarmtv.ingest.MicrosClock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test moves by hand. */
final class ManualClock implements MicrosClock {
  private final AtomicLong now;

  ManualClock(long startMicros) {
    now = new AtomicLong(startMicros);
  }

  @Override
  public long nowMicros() {
    return now.get();
  }

  void set(long micros) {
    now.set(micros);
  }

  void advance(long micros) {
    now.addAndGet(micros);
  }
}
