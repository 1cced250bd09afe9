package io.swarmtv.channel;

import java.util.StringJoiner;

/** Bits of {@link Chunk#flags()}: where a chunk stands in the stream's parts and segments. */
public final class ChunkFlags {
  /** The chunk starts an LL-HLS part (about 0.5 s of media). */
  public static final int PART_START = 1;
  /** The chunk starts at a random-access point (keyframe) and so starts a segment and a part. */
  public static final int SEGMENT_START = 1 << 1;
  /** Something was lost or the source restarted just before this chunk. */
  public static final int DISCONTINUITY = 1 << 2;
  /** Every defined bit. */
  public static final int ALL = PART_START | SEGMENT_START | DISCONTINUITY;

  private ChunkFlags() {}

  /** Short human-readable form, e.g. {@code part|segment}. */
  public static String describe(int flags) {
    StringJoiner j = new StringJoiner("|");
    if ((flags & PART_START) != 0) j.add("part");
    if ((flags & SEGMENT_START) != 0) j.add("segment");
    if ((flags & DISCONTINUITY) != 0) j.add("discontinuity");
    return j.length() == 0 ? "-" : j.toString();
  }
}
