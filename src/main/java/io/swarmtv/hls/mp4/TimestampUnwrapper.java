package io.swarmtv.hls.mp4;

import io.swarmtv.ts.Timestamps;

/**
 * Turns 33-bit 90 kHz timestamps into one growing 64-bit timeline, so fragment decode times keep
 * increasing past the 26.5-hour wrap. Audio and video share one, so they stay in sync.
 */
final class TimestampUnwrapper {
  private long lastRaw = -1;
  private long lastExtended;

  /** Where {@code raw} lies on the timeline, without moving the reference. */
  long peek(long raw) {
    return lastRaw < 0 ? raw : lastExtended + Timestamps.delta(lastRaw, raw);
  }

  /** Where {@code raw} lies on the timeline; it becomes the reference for the next ones. */
  long extend(long raw) {
    lastExtended = peek(raw);
    lastRaw = raw;
    return lastExtended;
  }

  void reset() {
    lastRaw = -1;
  }
}
