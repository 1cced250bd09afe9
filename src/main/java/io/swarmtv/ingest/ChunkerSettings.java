package io.swarmtv.ingest;

import io.swarmtv.channel.Chunk;
import io.swarmtv.ts.TsPacket;

/**
 * Where the chunker cuts.
 *
 * @param partMicros target media duration of an LL-HLS part; parts never run longer than this
 *     unless a single frame does (0.2 to 1 s)
 * @param maxChunkDelayMicros longest a chunk waits at the source after its first packet arrived
 * @param minSegmentMicros a keyframe sooner than this after the last segment start starts only
 *     a part, so very short GOPs do not make tiny segments
 * @param audioSegmentMicros segment length for streams with no video, where every frame is a
 *     random-access point
 */
public record ChunkerSettings(
    long partMicros, long maxChunkDelayMicros, long minSegmentMicros, long audioSegmentMicros) {

  /** Whole packets in a chunk of at most {@link Chunk#MAX_PAYLOAD} bytes. */
  public static final int MAX_PACKETS = Chunk.MAX_PAYLOAD / TsPacket.SIZE;

  public static final ChunkerSettings DEFAULT = new ChunkerSettings(500_000, 50_000, 1_000_000, 2_000_000);

  public ChunkerSettings {
    if (partMicros < 200_000 || partMicros > 1_000_000) {
      throw new IllegalArgumentException("part duration must be 0.2 to 1 s, was " + partMicros / 1e6 + " s");
    }
    if (maxChunkDelayMicros <= 0) {
      throw new IllegalArgumentException("chunk delay must be positive");
    }
    if (minSegmentMicros < 0 || audioSegmentMicros < partMicros) {
      throw new IllegalArgumentException("segment durations must be at least one part");
    }
  }

  public ChunkerSettings withPartMicros(long micros) {
    return new ChunkerSettings(micros, maxChunkDelayMicros, minSegmentMicros, audioSegmentMicros);
  }
}
