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
import io.swarmtv.ts.TsPacketReader;
import io.swarmtv.ts.VideoFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a feed as fast as it comes and reports what a broadcaster needs to check before going
 * live: programs, streams with their format, bitrate and keyframe spacing, and the chunks ingest
 * would cut.
 *
 * <p>The chunker is fed the feed's own PCR clock as arrival time, so the cut matches a real-time
 * ingest of the same feed without waiting for it.
 */
public final class FeedProbe implements TsListener {
  /** Errors kept verbatim; beyond this only counted. */
  private static final int MAX_ERRORS = 20;

  private final TsDemuxer demuxer = new TsDemuxer(this);
  private final Chunker chunker;
  private final int listLimit;
  private final Map<Integer, ProgramMap> programs = new LinkedHashMap<>();
  private final Map<Integer, StreamStats> stats = new HashMap<>();
  private final long[] pidPackets = new long[8192];
  private final List<String> errors = new ArrayList<>();
  private final List<ProbeReport.Cut> cuts = new ArrayList<>();
  private long errorCount;
  private long continuityErrors;
  private long packets;
  private long lastPcr = -1;
  private long pcrElapsed;
  private int pcrPid = -1;

  private long chunkCount;
  private long parts;
  private long segments;
  private long discontinuities;
  private long chunkBytes;
  private int maxChunkBytes;
  private long chunkMicros;

  private static final class StreamStats {
    long frames;
    long keyframes;
    long firstKeyDts = -1;
    long lastKeyDts = -1;
    long lastDts = -1;
    final Map<Long, Long> steps = new HashMap<>();
    VideoFormat format;
  }

  public FeedProbe(ChunkerSettings settings, int listLimit) {
    this.chunker = new Chunker(settings, this::onChunk);
    this.listLimit = listLimit;
  }

  /** Reads every packet of {@code reader} and returns the report. */
  public ProbeReport run(TsPacketReader reader) throws IOException {
    byte[] buf = new byte[TsPacket.SIZE * 64];
    int n;
    while ((n = reader.read(buf, 0, 64)) >= 0) {
      for (int i = 0; i < n; i++) {
        accept(buf, i * TsPacket.SIZE);
      }
    }
    return finish(reader.skippedBytes());
  }

  /** Takes one aligned packet. */
  public void accept(byte[] b, int off) {
    packets++;
    pidPackets[TsPacket.pid(b, off)]++;
    demuxer.accept(b, off);
    chunker.accept(b, off, Timestamps.toMicros(pcrElapsed / TsPacket.PCR_PER_PTS));
  }

  /** Ends the feed and builds the report. */
  public ProbeReport finish(long skippedBytes) {
    chunker.finish();
    double seconds = pcrElapsed / 27e6;
    List<ProbeReport.Program> list = new ArrayList<>();
    for (ProgramMap pmt : programs.values()) {
      List<ProbeReport.Stream> streams = new ArrayList<>();
      for (ElementaryStream s : pmt.streams()) {
        streams.add(describe(s, seconds));
      }
      list.add(new ProbeReport.Program(pmt.programNumber(), pmt.pcrPid(), streams));
    }
    ProbeReport.Chunks chunks = new ProbeReport.Chunks(chunkCount, parts, segments, discontinuities,
        chunkCount == 0 ? 0 : (double) chunkBytes / chunkCount, maxChunkBytes,
        chunkCount == 0 ? 0 : chunkMicros / 1000.0 / chunkCount, List.copyOf(cuts), chunkCount > cuts.size());
    List<String> errs = new ArrayList<>(errors);
    if (errorCount > errors.size()) {
      errs.add("... and " + (errorCount - errors.size()) + " more");
    }
    return new ProbeReport(seconds, packets * TsPacket.SIZE, packets, skippedBytes, continuityErrors,
        errs, list, chunks);
  }

  private ProbeReport.Stream describe(ElementaryStream s, double seconds) {
    StreamStats st = stats.get(s.pid());
    long bitrate = seconds > 0 ? Math.round(pidPackets[s.pid()] * TsPacket.SIZE * 8 / seconds) : 0;
    long frames = st == null ? 0 : st.frames;
    if (!s.type().isVideo() || st == null) {
      return new ProbeReport.Stream(s.pid(), s.type().kind().name().toLowerCase(), s.type().codec(),
          s.language(), null, null, null, null, null, bitrate, frames, null, null);
    }
    VideoFormat f = st.format;
    Double rate = f != null && f.frameRate() > 0 ? Double.valueOf(f.frameRate()) : modeRate(st);
    Double interval = st.keyframes >= 2
        ? Timestamps.delta(st.firstKeyDts, st.lastKeyDts) / (double) Timestamps.HZ / (st.keyframes - 1)
        : null;
    return new ProbeReport.Stream(s.pid(), "video", s.type().codec(), s.language(),
        f == null ? null : f.width(), f == null ? null : f.height(), rate,
        f == null ? null : f.profile(), f == null ? null : f.codecs(), bitrate, frames, st.keyframes, interval);
  }

  /** Frame rate from the commonest DTS step, for streams whose headers carry no timing. */
  private static Double modeRate(StreamStats st) {
    long best = 0;
    long bestCount = 0;
    for (Map.Entry<Long, Long> e : st.steps.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best > 0 ? Math.round(Timestamps.HZ * 1000.0 / best) / 1000.0 : null;
  }

  private void onChunk(ChunkCut cut) {
    chunkCount++;
    if (cut.has(ChunkFlags.PART_START)) parts++;
    if (cut.has(ChunkFlags.SEGMENT_START)) segments++;
    if (cut.has(ChunkFlags.DISCONTINUITY)) discontinuities++;
    chunkBytes += cut.payload().length;
    maxChunkBytes = Math.max(maxChunkBytes, cut.payload().length);
    chunkMicros += cut.durationMicros();
    if (cuts.size() < listLimit) {
      cuts.add(new ProbeReport.Cut(cut.sequence(), cut.byteOffset(),
          cut.pts() < 0 ? null : cut.pts() / (double) Timestamps.HZ,
          cut.durationMicros() / 1000.0, cut.payload().length, ChunkFlags.describe(cut.flags())));
    }
  }

  @Override
  public void onProgramMap(ProgramMap pmt, long packetIndex) {
    programs.put(pmt.programNumber(), pmt);
    if (pcrPid < 0) {
      pcrPid = pmt.pcrPid();
    }
  }

  @Override
  public void onPcr(int pid, long pcr27, long packetIndex) {
    if (pid != pcrPid) {
      return;
    }
    if (lastPcr >= 0) {
      long step = Math.floorMod(pcr27 - lastPcr, Timestamps.PTS_MODULUS * TsPacket.PCR_PER_PTS);
      if (step < 27_000_000L) { // a jump of a second or more is a restart, not elapsed time
        pcrElapsed += step;
      }
    }
    lastPcr = pcr27;
  }

  @Override
  public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
    StreamStats st = stats.computeIfAbsent(stream.pid(), k -> new StreamStats());
    st.frames++;
    if (header.dts() >= 0) {
      if (st.lastDts >= 0) {
        long step = Timestamps.delta(st.lastDts, header.dts());
        if (step > 0 && st.steps.size() < 64) {
          st.steps.merge(step, 1L, Long::sum);
        }
      }
      st.lastDts = header.dts();
    }
  }

  @Override
  public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
    StreamStats st = stats.get(stream.pid());
    if (st == null) {
      return;
    }
    if (info.format() != null) {
      st.format = info.format();
    }
    if (info.randomAccess() && header != null && header.dts() >= 0) {
      st.keyframes++;
      if (st.firstKeyDts < 0) st.firstKeyDts = header.dts();
      st.lastKeyDts = header.dts();
    }
  }

  @Override
  public void onContinuityError(int pid, int expected, int actual, long packetIndex) {
    continuityErrors++;
    error("packet " + packetIndex + ": PID " + pid + " continuity counter " + actual + ", expected " + expected);
  }

  @Override
  public void onError(String message, long packetIndex) {
    error("packet " + packetIndex + ": " + message);
  }

  private void error(String message) {
    errorCount++;
    if (errors.size() < MAX_ERRORS) {
      errors.add(message);
    }
  }
}
