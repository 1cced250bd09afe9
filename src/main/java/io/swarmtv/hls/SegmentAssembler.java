package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import java.util.Objects;

/**
 * Groups chunks in sequence order into parts and segments, as their flags say: a segment starts
 * at a chunk flagged as a keyframe segment start, a part at a part start. Media before the first
 * keyframe, and after a loss until the next keyframe, is left out: a segment must decode on its
 * own. The time left out becomes gap segments, and the segment after them is marked a
 * discontinuity, as is the first one after the source says it restarted.
 */
public final class SegmentAssembler implements OrderedChunkSink {
  private final SegmentStore store;
  private final ProgramTables tables;
  private final StreamDescriber describer;
  private final TsStreamFanout fanout;
  private boolean waitingForKeyframe = true;
  private boolean discontinuityNext;
  private long gapFromMicros = -1;
  private long endMicros = -1;
  private long chunks;
  private long lostChunks;

  public SegmentAssembler(SegmentStore store, ProgramTables tables, StreamDescriber describer, TsStreamFanout fanout) {
    this.store = Objects.requireNonNull(store);
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
      if (store.isOpen() || endMicros >= 0) {
        discontinuityNext = true;
      }
      store.closeSegment();
      waitingForKeyframe = true;
    }
    tables.accept(ts, 0, ts.length);
    describer.accept(ts, 0, ts.length);
    if (c.has(ChunkFlags.SEGMENT_START) && tables.known()) {
      if (gapFromMicros >= 0) {
        store.addGap(gapFromMicros, Math.max(0, c.timestampMicros() - gapFromMicros));
        gapFromMicros = -1;
        discontinuityNext = true;
      }
      byte[] prefix = tables.prefix();
      store.openSegment(discontinuityNext, c.timestampMicros(), prefix);
      fanout.segmentStart(prefix);
      discontinuityNext = false;
      waitingForKeyframe = false;
    } else if (waitingForKeyframe) {
      return;
    } else if (c.has(ChunkFlags.PART_START)) {
      store.startPart(false);
    }
    store.append(ts, c.durationMicros());
    fanout.data(ts);
    endMicros = c.timestampMicros() + c.durationMicros();
  }

  @Override
  public void lost(long from, long to) {
    lostChunks += to - from;
    if (endMicros < 0) {
      return; // nothing played yet: the channel starts at the next keyframe anyway
    }
    store.closeSegment();
    fanout.interrupt();
    if (gapFromMicros < 0) {
      gapFromMicros = endMicros;
    }
    waitingForKeyframe = true;
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
