package io.swarmtv.hls;

import java.nio.ByteBuffer;

/**
 * An LL-HLS part: a slice of its segment's MPEG-TS bytes (the segment's first part begins with
 * the program tables).
 *
 * @param data the bytes the slice is in, never mutated
 * @param offset where the part starts in {@code data}
 * @param length the part's length in bytes
 * @param durationMicros media time the part covers
 * @param independent it starts at a keyframe, so a player can start decoding with it
 * @param cmaf the same media remuxed to fMP4, or null where the remuxer had none (no init yet, or
 *     a stream it cannot carry)
 */
public record Part(byte[] data, int offset, int length, long durationMicros, boolean independent, CmafPart cmaf) {

  /** The part's bytes, read-only. */
  public ByteBuffer bytes() {
    return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
  }

  /** Its bytes in {@code format}, or null when the part has none in it. */
  public ByteBuffer bytes(SegmentFormat format) {
    if (format == SegmentFormat.TS) {
      return bytes();
    }
    return cmaf == null ? null : ByteBuffer.wrap(cmaf.bytes()).asReadOnlyBuffer();
  }

  /** Its duration in whole milliseconds, as playlists write it. */
  public long durationMillis() {
    return Math.round(durationMicros / 1000.0);
  }
}
