package io.swarmtv.hls.mp4;

import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.AccessUnitInspector;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.Timestamps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the H.264 or H.265 PES packets of one PID into length-prefixed samples, one access unit
 * per PES, and keeps the parameter sets for the init segment.
 *
 * <p>Access unit delimiters and parameter sets are dropped from the samples: the sample entry is
 * avc1/hvc1, which carries parameter sets in the init segment (hvc1 forbids them in-band). A
 * keyframe whose parameter sets differ from the current ones starts a new configuration.
 */
final class VideoTrack {
  private static final int AVC_AUD = 9;
  private static final int AVC_SPS = 7;
  private static final int AVC_PPS = 8;
  private static final int HEVC_AUD = 35;
  /** No parameter set list grows past this; more distinct ones in one access unit is garbage. */
  private static final int MAX_PARAMETER_SETS = 16;
  /** Used for the last sample's duration until two frames have given a real interval. */
  private static final long DEFAULT_FRAME_TICKS = Timestamps.HZ / 30;

  private final StreamType type;
  private final int pid;
  private final PesAssembler pes;
  private final TimestampUnwrapper clock;
  private final SampleErrors errors;
  private final long maxPendingBytes;
  private final List<Sample> samples = new ArrayList<>();
  private final TimelineGuard timeline = new TimelineGuard(Timestamps.HZ);
  private long pendingBytes;
  private VideoConfig config;
  private int configVersion;
  private boolean waitingForKeyframe = true;
  private long lastDecodeTime = Long.MIN_VALUE;
  private long frameTicks;

  VideoTrack(StreamType type, int pid, int maxFrameBytes, long maxPendingBytes,
      TimestampUnwrapper clock, SampleErrors errors) {
    this.type = type;
    this.pid = pid;
    this.pes = new PesAssembler(maxFrameBytes, "video PID " + pid);
    this.clock = clock;
    this.errors = errors;
    this.maxPendingBytes = maxPendingBytes;
  }

  int pid() {
    return pid;
  }

  StreamType type() {
    return type;
  }

  /** The parameter sets in force, or null before the first keyframe that carried them. */
  VideoConfig config() {
    return config;
  }

  /** No sample can be taken until a keyframe arrives (at the start, or after a reset). */
  boolean waitingForKeyframe() {
    return waitingForKeyframe;
  }

  /** Grows each time the parameter sets change. */
  int configVersion() {
    return configVersion;
  }

  void payload(byte[] b, int from, int to, boolean unitStart) {
    if (unitStart) {
      finishPes();
      if (!pes.begin(b, from, to)) {
        errors.drop("video PID " + pid + ": payload unit start without a valid PES header");
        return;
      }
    } else {
      pes.append(b, from, to);
    }
    if (pes.isComplete()) {
      finishPes();
    }
  }

  /** Packets were lost: the frame being gathered is damaged and is dropped. */
  void continuityError() {
    if (pes.isOpen()) {
      errors.drop("video PID " + pid + ": packets lost inside a frame; frame dropped");
      pes.clear();
    }
  }

  /**
   * Called at a part cut. The chunker cuts right before a video PES starts, so an unbounded PES
   * open now is complete.
   */
  void partBoundary() {
    if (pes.isUnbounded()) {
      finishPes();
    }
  }

  private void finishPes() {
    if (!pes.isOpen()) {
      return;
    }
    try {
      if (pes.isShort()) {
        errors.drop("video PID " + pid + ": PES ended " + pes.missing()
            + " bytes short of its declared length; frame dropped");
        return;
      }
      frame(pes.header(), pes.buffer(), pes.length());
    } finally {
      pes.clear();
    }
  }

  private void frame(PesHeader h, byte[] es, int len) {
    long dts;
    int offset;
    if (h.pts() >= 0) {
      dts = clock.peek(h.dts());
      // PTS before DTS cannot be; a huge gap is garbage: neither may break the 32-bit field.
      offset = (int) Math.min(Integer.MAX_VALUE, Math.max(0, Timestamps.delta(h.dts(), h.pts())));
    } else if (lastDecodeTime != Long.MIN_VALUE) {
      dts = lastDecodeTime + estimatedFrameTicks();
      offset = 0;
    } else {
      errors.drop("video PID " + pid + ": first frame has no PTS; dropped");
      return;
    }
    if (lastDecodeTime != Long.MIN_VALUE && !timeline.follows(lastDecodeTime, dts)) {
      errors.drop("video PID " + pid + ": DTS " + dts + " does not follow " + lastDecodeTime + "; frame dropped");
      return;
    }
    if (h.pts() >= 0) {
      clock.extend(h.dts());
    }
    // Frames skipped below still move the timeline on, or the keyframe after them would look
    // like a jump.
    if (lastDecodeTime != Long.MIN_VALUE && dts - lastDecodeTime <= Timestamps.HZ) {
      frameTicks = dts - lastDecodeTime;
    }
    lastDecodeTime = dts;
    AccessUnitInfo info = AccessUnitInspector.inspect(type, es, 0, len);
    List<byte[]> vps = new ArrayList<>(1);
    List<byte[]> sps = new ArrayList<>(1);
    List<byte[]> pps = new ArrayList<>(1);
    byte[] sample = toLengthPrefixed(es, len, vps, sps, pps);
    if (sample == null) {
      errors.drop("video PID " + pid + ": PES holds no NAL unit; dropped");
      return;
    }
    boolean sync = info.randomAccess();
    if (sync && !sps.isEmpty()) {
      VideoConfig next = VideoConfig.of(type, vps, sps, pps, info.format());
      if (next != null && !next.sameParameterSets(config)) {
        config = next;
        configVersion++;
      }
    }
    if (config == null || (waitingForKeyframe && !sync)) {
      return; // nothing can decode this yet: a join or a reset landed mid-GOP
    }
    if (sample.length == 0) {
      errors.drop("video PID " + pid + ": access unit has only delimiters and parameter sets; dropped");
      return;
    }
    waitingForKeyframe = false;
    pendingBytes += sample.length;
    if (pendingBytes > maxPendingBytes) {
      samples.clear();
      pendingBytes = 0;
      waitingForKeyframe = true;
      throw new RemuxException("video PID " + pid + ": more than " + maxPendingBytes
          + " bytes of samples waiting for cutFragment(); dropped them");
    }
    samples.add(new Sample(sample, dts, offset, sync));
  }

  /**
   * Rewrites the Annex B access unit as 4-byte length-prefixed NAL units, collecting the parameter
   * sets and leaving them and delimiters out. Returns null when es holds no start code.
   */
  private byte[] toLengthPrefixed(byte[] es, int len, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
    int sc = AccessUnitInspector.nextStartCode(es, 0, len);
    if (sc < 0) {
      return null;
    }
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    int total = 0;
    while (sc >= 0) {
      int start = sc + 3;
      int next = AccessUnitInspector.nextStartCode(es, start, len);
      int end = next < 0 ? len : next;
      while (end > start && es[end - 1] == 0) {
        end--; // trailing_zero_8bits, or the leading zero of a four-byte start code
      }
      sc = next;
      if (end <= start) {
        continue;
      }
      int nalType = type == StreamType.H265 ? (es[start] >> 1) & 0x3F : es[start] & 0x1F;
      if (keepParameterSet(nalType, es, start, end, vps, sps, pps) || isDelimiter(nalType)) {
        continue;
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = start;
      ends[n] = end;
      n++;
      total += 4 + end - start;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (int i = 0; i < n; i++) {
      int size = ends[i] - starts[i];
      out[p] = (byte) (size >>> 24);
      out[p + 1] = (byte) (size >>> 16);
      out[p + 2] = (byte) (size >>> 8);
      out[p + 3] = (byte) size;
      System.arraycopy(es, starts[i], out, p + 4, size);
      p += 4 + size;
    }
    return out;
  }

  private boolean isDelimiter(int nalType) {
    return type == StreamType.H265 ? nalType == HEVC_AUD : nalType == AVC_AUD;
  }

  private boolean keepParameterSet(int nalType, byte[] es, int start, int end,
      List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
    List<byte[]> into;
    if (type == StreamType.H265) {
      into = switch (nalType) {
        case HevcDecoderConfigurationRecord.VPS -> vps;
        case HevcDecoderConfigurationRecord.SPS -> sps;
        case HevcDecoderConfigurationRecord.PPS -> pps;
        default -> null;
      };
    } else {
      into = nalType == AVC_SPS ? sps : nalType == AVC_PPS ? pps : null;
    }
    if (into == null) {
      return false;
    }
    if (into.size() < MAX_PARAMETER_SETS && end - start <= 0xFFFF) {
      into.add(Arrays.copyOfRange(es, start, end));
    }
    return true;
  }

  /**
   * Takes the complete samples gathered so far. The last one's duration is not known until the
   * next frame arrives, which is after the cut: it gets the last interval seen between frames
   * (the frame rate from the SPS before two frames were seen). The next fragment's decode time is
   * still the exact DTS of its first frame, so an estimate that was off never accumulates into
   * drift; at worst one frame shows a tick longer or shorter.
   */
  TrackRun takeRun(int trackId) {
    if (samples.isEmpty()) {
      return null;
    }
    List<Sample> run = List.copyOf(samples);
    long[] durations = new long[run.size()];
    for (int i = 0; i + 1 < run.size(); i++) {
      durations[i] = run.get(i + 1).decodeTime() - run.get(i).decodeTime();
    }
    durations[run.size() - 1] = estimatedFrameTicks();
    samples.clear();
    pendingBytes = 0;
    return new TrackRun(trackId, true, run, durations);
  }

  private long estimatedFrameTicks() {
    if (frameTicks > 0) {
      return frameTicks;
    }
    if (config != null && config.format().frameRate() > 0) {
      return Math.max(1, Math.round(Timestamps.HZ / config.format().frameRate()));
    }
    return DEFAULT_FRAME_TICKS;
  }

  /** Drops the gathered samples, which could not be sent; the next one taken must be a keyframe. */
  void discardUntilKeyframe() {
    samples.clear();
    pendingBytes = 0;
    waitingForKeyframe = true;
  }

  /** Forgets the partial frame and gathered samples; the next sample must be a keyframe. */
  void reset() {
    pes.clear();
    samples.clear();
    pendingBytes = 0;
    waitingForKeyframe = true;
    lastDecodeTime = Long.MIN_VALUE;
    frameTicks = 0;
    timeline.reset();
  }
}
