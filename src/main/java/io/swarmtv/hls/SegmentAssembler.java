package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.TsPacket;
import java.util.Objects;

/**
 * Groups chunks in sequence order into parts and segments, as their flags say: a segment starts
 * at a chunk flagged as a keyframe segment start, a part at a part start. Media before the first
 * keyframe, and after a loss until the next keyframe, is left out: a segment must decode on its
 * own. The time left out becomes gap segments, and the segment after them is marked a
 * discontinuity, as is the first one after the source says it restarted.
 *
 * <p>The same packets go through the fMP4 remuxer, whose fragment for each part the store cuts
 * as the part ends, so both formats are made of the same parts.
 */
public final class SegmentAssembler implements OrderedChunkSink {
  private final SegmentStore store;
  private final ProgramTables tables;
  private final StreamDescriber describer;
  private final TsStreamFanout fanout;
  private final CmafRemux cmaf;
  private boolean waitingForKeyframe = true;
  private boolean discontinuityNext;
  private boolean gapPending;
  private boolean started;
  private long chunks;
  private long lostChunks;

  SegmentAssembler(SegmentStore store, ProgramTables tables, StreamDescriber describer, TsStreamFanout fanout,
      CmafRemux cmaf) {
    this.store = Objects.requireNonNull(store);
    this.cmaf = Objects.requireNonNull(cmaf);
    this.tables = Objects.requireNonNull(tables);
    this.describer = Objects.requireNonNull(describer);
    this.fanout = Objects.requireNonNull(fanout);
  }

  @Override
  public void chunk(Chunk c) {
    chunks++;
    byte[] ts = c.payload();
    if (c.has(ChunkFlags.DISCONTINUITY)) {
      describer.reset();
      if (started) {
        discontinuityNext = true;
      }
      store.closeSegment();
      cmaf.reset();
      waitingForKeyframe = true;
    }
    tables.accept(ts, 0, ts.length);
    describer.accept(ts, 0, ts.length);
    if (c.has(ChunkFlags.SEGMENT_START) && tables.known()) {
      if (gapPending) {
        store.addGapUntil(c.timestampMicros());
        gapPending = false;
        discontinuityNext = true;
      }
      byte[] prefix = tables.prefix();
      store.openSegment(discontinuityNext, c.timestampMicros(), prefix, firstDts(ts, describer.primaryPid()));
      fanout.segmentStart(prefix);
      cmaf.accept(prefix);
      discontinuityNext = false;
      waitingForKeyframe = false;
    } else if (waitingForKeyframe) {
      return;
    } else if (c.has(ChunkFlags.PART_START)) {
      store.startPart(false, firstDts(ts, describer.primaryPid()));
    }
    // The store has ended the previous part (and cut its fragment) before these packets go in.
    store.append(ts, c.durationMicros());
    cmaf.accept(ts);
    fanout.data(ts);
    started = true;
  }

  @Override
  public void lost(long from, long to) {
    lostChunks += to - from;
    if (!started) {
      return; // nothing played yet: the channel starts at the next keyframe anyway
    }
    if (!store.dropUnpublished()) {
      store.closeSegment(); // players may hold its first parts: it stays, cut short
    }
    cmaf.reset();
    fanout.interrupt();
    gapPending = true;
    waitingForKeyframe = true;
  }

  /** The decode time of the first PES of {@code pid} starting in the packets, or -1. */
  static long firstDts(byte[] ts, int pid) {
    if (pid < 0) {
      return -1;
    }
    for (int p = 0; p + TsPacket.SIZE <= ts.length; p += TsPacket.SIZE) {
      if (TsPacket.pid(ts, p) != pid || !TsPacket.payloadUnitStart(ts, p)) {
        continue;
      }
      int payload = TsPacket.payloadOffset(ts, p);
      if (payload >= TsPacket.SIZE) {
        continue;
      }
      PesHeader h = PesHeader.parse(ts, p + payload, TsPacket.SIZE - payload);
      if (h != null) {
        return h.dts() >= 0 ? h.dts() : h.pts();
      }
    }
    return -1;
  }

  /** Chunks taken in order. */
  public long chunks() {
    return chunks;
  }

  /** Chunks declared lost. */
  public long lostChunks() {
    return lostChunks;
  }
}
