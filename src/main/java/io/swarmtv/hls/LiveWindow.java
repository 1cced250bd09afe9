package io.swarmtv.hls;

import java.util.List;

/**
 * One moment of a channel's live window, immutable: what every playlist is rendered from and
 * every segment and part request is answered from.
 *
 * @param run names this run of the store in segment URLs, so a restarted gateway never serves a
 *     different segment under a URL a player cached
 * @param targetSeconds EXT-X-TARGETDURATION: at least every segment's rounded duration, never shrinking
 * @param partTargetMillis PART-TARGET: at least every part's duration, never shrinking
 * @param segments the complete segments, oldest first
 * @param open the segment being written, with its complete parts (none yet: no parts), or null
 *     while the channel waits for a keyframe
 * @param nextMsn the media sequence number of the segment being written or next to be
 * @param ended how many segments have left the window in all
 */
public record LiveWindow(
    String run,
    long targetSeconds,
    long partTargetMillis,
    List<Segment> segments,
    Segment open,
    long nextMsn,
    long ended) {

  /** The window before anything arrived. */
  public static LiveWindow empty(String run, long partTargetMillis) {
    return new LiveWindow(run, 0, partTargetMillis, List.of(), null, 0, 0);
  }

  public LiveWindow {
    segments = List.copyOf(segments);
  }

  /** Whether a player can start: at least one complete segment with media. */
  public boolean playable() {
    return segments.stream().anyMatch(s -> !s.gap());
  }

  /** The media sequence number of the last complete segment, or -1 when there is none. */
  public long lastMsn() {
    return segments.isEmpty() ? -1 : segments.get(segments.size() - 1).msn();
  }

  /** The complete segment {@code msn}, or null when it is not in the window. */
  public Segment segment(long msn) {
    if (segments.isEmpty()) {
      return null;
    }
    long i = msn - segments.get(0).msn();
    return i < 0 || i >= segments.size() ? null : segments.get((int) i);
  }

  /** Part {@code index} of segment {@code msn}, complete or still being written, or null. */
  public Part part(long msn, long index) {
    Segment s = open != null && open.msn() == msn ? open : segment(msn);
    return s == null || index < 0 || index >= s.parts().size() ? null : s.parts().get((int) index);
  }

  /** Parts complete so far in the segment being written. */
  public int openParts() {
    return open == null ? 0 : open.parts().size();
  }
}
