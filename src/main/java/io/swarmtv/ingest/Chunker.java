package io.swarmtv.ingest;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.ProgramMap;
import io.swarmtv.ts.Timestamps;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts an aligned MPEG-TS packet stream into chunks: whole packets, at most
 * {@link ChunkerSettings#MAX_PACKETS}, cut early where a segment (keyframe) or a part starts, or
 * when the oldest packet has waited {@link ChunkerSettings#maxChunkDelayMicros()}.
 *
 * <p>Every input packet lands in exactly one chunk, in order, so the chunks concatenate to the
 * input. Whether a video frame is a keyframe is known only a few packets after its PES starts;
 * until then the chunker remembers the frame's first packet as a pending cut and splits there
 * once the answer comes.
 *
 * <p>Time comes in with each packet ({@code arrivalMicros}) and through {@link #flushIfDue}, so
 * the chunker runs the same against a live clock, a paced file or a test's virtual clock.
 */
public final class Chunker implements TsListener {
  /** A DTS step outside this window is a source restart, not a frame. */
  private static final long MAX_FORWARD_JUMP = 5 * Timestamps.HZ;
  private static final long MAX_BACKWARD_JUMP = Timestamps.HZ / 2;

  private final ChunkerSettings settings;
  private final Consumer<ChunkCut> sink;
  private TsDemuxer demuxer = new TsDemuxer(this);

  private final byte[] open = new byte[ChunkerSettings.MAX_PACKETS * TsPacket.SIZE];
  private final long[] arrivals = new long[ChunkerSettings.MAX_PACKETS];
  private int openPackets;
  private long openIndex;
  private int openFlags;
  private long openPts = -1;
  private long openDts = -1;

  private long sequence;
  private long byteOffset;
  private long packetIndex = -1;

  private int primaryPid = -1;
  private boolean primaryIsVideo;
  private long lastDts = -1;
  private long frameTicks;
  private long partStartDts = -1;
  private long segmentStartDts = -1;

  private long pendingIndex = -1;
  private long pendingPts;
  private boolean pendingPartDue;

  public Chunker(ChunkerSettings settings, Consumer<ChunkCut> sink) {
    this.settings = Objects.requireNonNull(settings);
    this.sink = Objects.requireNonNull(sink);
  }

  /** Chunks emitted so far; also the sequence number of the next one. */
  public long chunks() {
    return sequence;
  }

  /** Takes one sync-checked packet that arrived at {@code arrivalMicros}. */
  public void accept(byte[] b, int off, long arrivalMicros) {
    if (openPackets == 0) {
      openIndex = packetIndex + 1;
    }
    System.arraycopy(b, off, open, openPackets * TsPacket.SIZE, TsPacket.SIZE);
    arrivals[openPackets++] = arrivalMicros;
    packetIndex++;
    demuxer.accept(b, off);
    // Checked after demuxing, so a cut before this packet knows whether a frame starts in it.
    cutIfDue(arrivalMicros, packetIndex);
    if (openPackets == ChunkerSettings.MAX_PACKETS) {
      if (pendingIndex > openIndex) {
        cutAt(pendingIndex, lastDts);
      } else {
        pendingIndex = -1; // the frame's head never resolved: it is not cut for
        cutAt(packetIndex + 1, lastDts);
      }
    }
  }

  /** Takes {@code count} consecutive packets that arrived together. */
  public void accept(byte[] b, int off, int count, long arrivalMicros) {
    for (int i = 0; i < count; i++) {
      accept(b, off + i * TsPacket.SIZE, arrivalMicros);
    }
  }

  /** Emits the open chunk if its first packet has waited long enough. */
  public void flushIfDue(long nowMicros) {
    cutIfDue(nowMicros, packetIndex + 1);
  }

  /**
   * Cuts at {@code limit} (or at an unresolved frame before it) once the open chunk's first packet
   * is {@link ChunkerSettings#maxChunkDelayMicros()} old. A chunk that itself starts at an
   * unresolved frame waits the few packets until that frame's type is known.
   */
  private void cutIfDue(long nowMicros, long limit) {
    if (openPackets == 0 || nowMicros - arrivals[0] < settings.maxChunkDelayMicros()) {
      return;
    }
    long at = pendingIndex >= 0 ? Math.min(pendingIndex, limit) : limit;
    if (at > openIndex) {
      cutAt(at, lastDts);
    }
  }

  /** The input restarted or jumped: what follows starts afresh and is flagged a discontinuity. */
  public void markDiscontinuity() {
    finishOpen();
    // The new demuxer counts packets on from ours, or its frame starts would point at old packets.
    demuxer = new TsDemuxer(this, packetIndex + 1);
    primaryPid = -1;
    resetTiming();
    openFlags |= ChunkFlags.DISCONTINUITY; // nothing is open: this marks the next chunk
  }

  /** End of input: emits whatever is left. */
  public void finish() {
    finishOpen();
  }

  private void finishOpen() {
    pendingIndex = -1;
    if (openPackets > 0) {
      cutAt(packetIndex + 1, lastDts < 0 ? -1 : Timestamps.add(lastDts, frameTicks));
    }
  }

  private void resetTiming() {
    lastDts = -1;
    frameTicks = 0;
    partStartDts = -1;
    segmentStartDts = -1;
    pendingIndex = -1;
  }

  @Override
  public void onProgramMap(ProgramMap pmt, long index) {
    ProgramMap first = demuxer.firstProgram();
    if (first == null || first.programNumber() != pmt.programNumber()) {
      return;
    }
    ElementaryStream primary = pmt.primary();
    int pid = primary == null ? -1 : primary.pid();
    boolean changed = primaryPid >= 0 && (pid != primaryPid || primary.type().isVideo() != primaryIsVideo);
    primaryPid = pid;
    primaryIsVideo = primary != null && primary.type().isVideo();
    if (changed) {
      // New streams mid-feed: players must reset their decoders from this packet on.
      cutAt(index, lastDts);
      openFlags |= ChunkFlags.DISCONTINUITY;
      resetTiming();
    }
  }

  @Override
  public void onPesStart(ElementaryStream stream, PesHeader header, long index) {
    if (stream.pid() != primaryPid || header.dts() < 0) {
      return;
    }
    long dts = header.dts();
    boolean jumped = false;
    long cutDts = dts;
    if (lastDts >= 0) {
      long step = Timestamps.delta(lastDts, dts);
      if (step > MAX_FORWARD_JUMP || step < -MAX_BACKWARD_JUMP) {
        jumped = true;
        cutDts = Timestamps.add(lastDts, frameTicks); // the old timeline ends one frame on
        partStartDts = -1;
        segmentStartDts = -1;
      } else if (step > 0) {
        frameTicks = step;
      }
    }
    boolean partDue = partStartDts < 0
        || Timestamps.toMicros(Timestamps.delta(partStartDts, dts) + frameTicks) > settings.partMicros();
    if (primaryIsVideo) {
      if (jumped) {
        cutAt(index, cutDts);
        openFlags |= ChunkFlags.DISCONTINUITY;
        openPts = header.pts();
        openDts = dts;
      }
      lastDts = dts;
      pendingIndex = index;
      pendingPts = header.pts();
      pendingPartDue = partDue;
      return;
    }
    boolean segment = segmentStartDts < 0
        || Timestamps.toMicros(Timestamps.delta(segmentStartDts, dts)) >= settings.audioSegmentMicros();
    int flags = (segment ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0)
        | (partDue ? ChunkFlags.PART_START : 0)
        | (jumped ? ChunkFlags.DISCONTINUITY : 0);
    if (flags != 0) {
      startAt(index, flags, header.pts(), dts, cutDts);
    }
    lastDts = dts;
  }

  @Override
  public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
    if (startIndex != pendingIndex || stream.pid() != primaryPid) {
      return;
    }
    pendingIndex = -1;
    long dts = header.dts();
    boolean keyframe = info.randomAccess();
    boolean segment = keyframe && (segmentStartDts < 0
        || Timestamps.toMicros(Timestamps.delta(segmentStartDts, dts)) >= settings.minSegmentMicros());
    int flags = (segment ? ChunkFlags.SEGMENT_START : 0)
        | (segment || keyframe || pendingPartDue ? ChunkFlags.PART_START : 0);
    if (flags != 0) {
      startAt(startIndex, flags, pendingPts, dts, dts);
    }
  }

  /** Starts a chunk at packet {@code index} with {@code flags}, cutting the open one there. */
  private void startAt(long index, int flags, long pts, long dts, long cutDts) {
    if (index > openIndex && openPackets > 0) {
      cutAt(index, cutDts);
      openDts = dts;
    } else if (openDts < 0 || cutDts != dts) {
      openDts = dts;
    }
    // Otherwise a timer cut just ended the last chunk at the previous frame's time: this chunk
    // carries the rest of that frame's time, so the durations still add up.
    openFlags |= flags;
    openPts = pts;
    if ((flags & ChunkFlags.PART_START) != 0) {
      partStartDts = dts;
    }
    if ((flags & ChunkFlags.SEGMENT_START) != 0) {
      segmentStartDts = dts;
    }
  }

  /** Emits the open packets before {@code index}; the rest become the new open chunk. */
  private void cutAt(long index, long cutDts) {
    int n = (int) (index - openIndex);
    if (n <= 0) {
      return;
    }
    byte[] payload = new byte[n * TsPacket.SIZE];
    System.arraycopy(open, 0, payload, 0, payload.length);
    long duration = openDts >= 0 && cutDts >= 0 ? Math.max(0, Timestamps.toMicros(Timestamps.delta(openDts, cutDts))) : 0;
    sink.accept(new ChunkCut(sequence++, byteOffset, openFlags, openPts, duration, arrivals[0], payload));
    byteOffset += payload.length;
    int rest = openPackets - n;
    System.arraycopy(open, payload.length, open, 0, rest * TsPacket.SIZE);
    System.arraycopy(arrivals, n, arrivals, 0, rest);
    openPackets = rest;
    openIndex = index;
    openFlags = 0;
    openPts = -1;
    openDts = cutDts;
  }
}
