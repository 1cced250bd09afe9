package io.swarmtv.ingest;

import io.swarmtv.channel.ChunkFlags;

/**
 * One chunk as the chunker cut it, before it is signed.
 *
 * @param sequence position in the feed, from 0
 * @param byteOffset where the chunk's first byte stood in the (aligned) input
 * @param flags {@link ChunkFlags} bits
 * @param pts presentation time of the primary stream's frame that starts the chunk, 90 kHz, or -1
 *     when the chunk does not start at a frame
 * @param durationMicros media time from this chunk's start to the next one's
 * @param arrivalMicros when the chunk's first packet arrived, on the ingest clock
 * @param payload whole 188-byte packets
 */
public record ChunkCut(
    long sequence, long byteOffset, int flags, long pts, long durationMicros, long arrivalMicros, byte[] payload) {

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public int packets() {
    return payload.length / io.swarmtv.ts.TsPacket.SIZE;
  }
}
