package io.swarmtv.hls.mp4;

/**
 * Decides whether a track's next decode time may follow the last one, so one damaged timestamp
 * costs one frame instead of throwing the track's timeline off.
 *
 * <p>A step forward of at most {@code maxStep} is taken at once (lost frames leave gaps like
 * that). A longer jump forward is taken once {@link #CONFIRMATIONS} frames in a row agree on the
 * new timeline, since a single wild value is more likely damage than a real jump. A step back is
 * never taken: decode times in a track must grow, and a source that restarts is a discontinuity,
 * which the gateway handles with {@link Fmp4Remuxer#reset()}.
 */
final class TimelineGuard {
  static final int CONFIRMATIONS = 3;

  private final long maxStep;
  private long suspect;
  private int run;

  TimelineGuard(long maxStep) {
    this.maxStep = maxStep;
  }

  boolean follows(long last, long next) {
    if (next <= last) {
      run = 0;
      return false;
    }
    if (next - last <= maxStep) {
      run = 0;
      return true;
    }
    run = run > 0 && next > suspect && next - suspect <= maxStep ? run + 1 : 1;
    suspect = next;
    if (run >= CONFIRMATIONS) {
      run = 0;
      return true;
    }
    return false;
  }

  void reset() {
    run = 0;
  }
}
