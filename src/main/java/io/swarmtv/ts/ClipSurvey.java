package io.swarmtv.ts;

import java.util.Arrays;

/** One read through a clip for what looping it needs: packets, PES PIDs, counters, timing. */
final class ClipSurvey implements TsListener {
  private static final int PIDS = 8192;

  /** PIDs a PMT lists as elementary streams: their PES headers carry the PTS and DTS. */
  final boolean[] pesPid = new boolean[PIDS];
  long packets;

  private final TsDemuxer demuxer = new TsDemuxer(this);
  private final int[] firstCc = new int[PIDS];
  private final int[] lastCc = new int[PIDS];
  private final Span[] spans = new Span[PIDS];
  /** The first PTS seen: others are kept relative to it, so a clip may cross 2^33. */
  private long anchor = -1;

  /** PTS range, PES count and payload bytes of one stream, times relative to the anchor. */
  private static final class Span {
    final StreamType.Kind kind;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long count;
    /** Elementary-stream bytes of every PES but the latest, and of the latest so far. */
    long bytesBefore;
    long bytesLatest;

    Span(StreamType.Kind kind) {
      this.kind = kind;
    }

    /**
     * First PTS to the end of the last PES. Video carries a frame per PES at a constant rate, so
     * its last PES lasts as long as the average one, which is exact; an audio PES holds however
     * many frames the muxer packed, so its last one is reckoned from its size instead.
     */
    long length() {
      long span = max - min;
      if (kind == StreamType.Kind.VIDEO || bytesBefore <= 0) {
        return (span * count + (count - 1) / 2) / (count - 1);
      }
      return span + Math.round(span * (double) bytesLatest / bytesBefore);
    }
  }

  ClipSurvey() {
    Arrays.fill(firstCc, -1);
  }

  void accept(byte[] b, int off) {
    packets++;
    int pid = TsPacket.pid(b, off);
    if (pid == TsPacket.NULL_PID || !TsPacket.hasPayload(b, off)) {
      demuxer.accept(b, off);
      return;
    }
    int cc = TsPacket.continuityCounter(b, off);
    if (firstCc[pid] < 0) {
      firstCc[pid] = cc;
    }
    lastCc[pid] = cc;
    demuxer.accept(b, off); // may start a new PES on this PID, which these bytes then belong to
    Span s = spans[pid];
    if (s != null) {
      s.bytesLatest += TsPacket.SIZE - TsPacket.payloadOffset(b, off);
    }
  }

  @Override
  public void onProgramMap(ProgramMap pmt, long packetIndex) {
    for (ElementaryStream s : pmt.streams()) {
      pesPid[s.pid()] = true;
    }
  }

  @Override
  public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
    if (header.pts() < 0) {
      return;
    }
    if (anchor < 0) {
      anchor = header.pts();
    }
    long t = Timestamps.delta(anchor, header.pts());
    Span s = spans[stream.pid()];
    if (s == null) {
      s = spans[stream.pid()] = new Span(stream.type().kind());
    } else {
      s.bytesBefore += s.bytesLatest;
    }
    s.bytesLatest = -header.headerLength();
    s.min = Math.min(s.min, t);
    s.max = Math.max(s.max, t);
    s.count++;
  }

  /**
   * Per PID, how far one pass moves the continuity counter: the next pass's first packet must
   * follow the last one of this pass.
   */
  int[] ccSteps() {
    int[] steps = new int[PIDS];
    for (int pid = 0; pid < PIDS; pid++) {
      if (firstCc[pid] >= 0) {
        steps[pid] = (lastCc[pid] + 1 - firstCc[pid]) & 0x0F;
      }
    }
    return steps;
  }

  /**
   * The loop duration in 90 kHz ticks: the main video stream's span in whole frames; without
   * video, the audio's from the earliest start to the latest end; else any stream's.
   *
   * @throws IllegalArgumentException when the clip has no packets or too few timestamps
   */
  long loopTicks() {
    if (packets == 0) {
      throw new IllegalArgumentException("the clip holds no MPEG-TS packets");
    }
    Span video = null;
    boolean audio = false;
    for (Span s : spans) {
      if (s != null && s.count >= 2) {
        if (s.kind == StreamType.Kind.VIDEO && (video == null || s.count > video.count)) {
          video = s;
        }
        audio |= s.kind == StreamType.Kind.AUDIO;
      }
    }
    if (video != null && video.max > video.min) {
      return video.length();
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Span s : spans) {
      if (s != null && s.count >= 2 && (!audio || s.kind == StreamType.Kind.AUDIO)) {
        start = Math.min(start, s.min);
        end = Math.max(end, s.min + s.length());
      }
    }
    if (start == Long.MAX_VALUE || end <= start) {
      throw new IllegalArgumentException("the clip has too few timestamps to tell how long it plays");
    }
    return end - start;
  }
}
