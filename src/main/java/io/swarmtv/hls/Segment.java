package io.swarmtv.hls;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A media segment of the live window: MPEG-TS from a keyframe to the next, made of parts; or a
 * gap, where media never came (no bytes, no parts).
 *
 * @param msn the media sequence number
 * @param discontinuitySequence the discontinuity sequence number of this segment
 * @param discontinuity an EXT-X-DISCONTINUITY comes before it
 * @param gap the media is missing (EXT-X-GAP)
 * @param programDateMicros the source's wall clock at its first sample, microseconds since the epoch
 * @param durationMicros media time it covers
 * @param data its bytes (parts are slices of it); empty for a gap
 * @param parts its parts in order; for the segment still being written, the complete ones so far
 */
public record Segment(
    long msn,
    long discontinuitySequence,
    boolean discontinuity,
    boolean gap,
    long programDateMicros,
    long durationMicros,
    byte[] data,
    List<Part> parts) {

  public Segment {
    parts = List.copyOf(parts);
  }

  /** The segment's bytes, read-only. */
  public ByteBuffer bytes() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /**
   * Its bytes in {@code format}, or null when it has none in it (a gap, or a part the fMP4
   * remuxer could not give): a CMAF segment is its parts' fragments in order.
   */
  public ByteBuffer bytes(SegmentFormat format) {
    if (format == SegmentFormat.TS) {
      return gap ? null : bytes();
    }
    if (!hasCmaf()) {
      return null;
    }
    int size = parts.stream().mapToInt(p -> p.cmaf().bytes().length).sum();
    ByteBuffer b = ByteBuffer.allocate(size);
    parts.forEach(p -> b.put(p.cmaf().bytes()));
    return b.flip().asReadOnlyBuffer();
  }

  /** Whether every part has its fMP4 fragment, all after the same init segment. */
  public boolean hasCmaf() {
    if (gap || parts.isEmpty() || parts.get(0).cmaf() == null) {
      return false;
    }
    int init = parts.get(0).cmaf().initVersion();
    return parts.stream().allMatch(p -> p.cmaf() != null && p.cmaf().initVersion() == init);
  }

  /** Its duration in whole milliseconds, as playlists write it. */
  public long durationMillis() {
    return Math.round(durationMicros / 1000.0);
  }

  /** Its duration rounded to whole seconds, the figure EXT-X-TARGETDURATION must cover. */
  public long roundedSeconds() {
    return (durationMillis() + 500) / 1000;
  }
}
