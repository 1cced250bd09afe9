package io.swarmtv.hls.mp4;

import io.swarmtv.ts.Timestamps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the AAC ADTS PES packets of one PID into raw AAC samples (headers stripped), one per ADTS
 * frame, timed in the stream's sample rate.
 *
 * <p>A PES becomes frames once complete; ADTS frames may straddle PES packets, so a partial frame
 * at the end waits for the next PES. Frame times follow on from one another in steps of 1024
 * samples; a PES timestamp only resets the count when it is more than half a frame away from it,
 * so rounding in the 90 kHz timestamps does not leave one-tick gaps between fragments.
 */
final class AudioTrack {
  /** frame_length is 13 bits. */
  private static final int MAX_ADTS_FRAME = 8191;
  private static final int ADTS_HEADER = 7;

  private final int pid;
  private final PesAssembler pes;
  private final TimestampUnwrapper clock;
  private final SampleErrors errors;
  private final long maxPendingBytes;
  private final List<Sample> samples = new ArrayList<>();
  private TimelineGuard timeline = new TimelineGuard(Timestamps.HZ);
  private long pendingBytes;
  private byte[] work = new byte[2 * MAX_ADTS_FRAME];
  private int leftover;
  private AudioConfig config;
  private int configVersion;
  private long nextTime = Long.MIN_VALUE;

  AudioTrack(int pid, int maxPesBytes, long maxPendingBytes, TimestampUnwrapper clock, SampleErrors errors) {
    this.pid = pid;
    this.pes = new PesAssembler(maxPesBytes, "audio PID " + pid);
    this.clock = clock;
    this.errors = errors;
    this.maxPendingBytes = maxPendingBytes;
  }

  int pid() {
    return pid;
  }

  /** The format of the first frame, or null before one was read. */
  AudioConfig config() {
    return config;
  }

  /** Grows each time the format changes. */
  int configVersion() {
    return configVersion;
  }

  void payload(byte[] b, int from, int to, boolean unitStart) {
    if (unitStart) {
      finishPes();
      if (!pes.begin(b, from, to)) {
        errors.drop("audio PID " + pid + ": payload unit start without a valid PES header");
        return;
      }
      if (config == null) {
        learnFormat(pes.buffer(), pes.length());
      }
    } else {
      pes.append(b, from, to);
    }
    if (pes.isComplete()) {
      finishPes();
    }
  }

  /** Packets were lost: the PES being gathered and any partial frame are dropped. */
  void continuityError() {
    if (pes.isOpen() || leftover > 0) {
      errors.drop("audio PID " + pid + ": packets lost inside a PES; its frames dropped");
    }
    pes.clear();
    leftover = 0;
  }

  /**
   * Called at a part cut. When audio is the stream the chunker cuts by, the cut comes right
   * before an audio PES starts, so an unbounded one open now is complete; otherwise a PES open
   * now still grows and its frames go into a later fragment.
   */
  void partBoundary(boolean cutsByAudio) {
    if (cutsByAudio && pes.isUnbounded()) {
      finishPes();
    }
  }

  private void finishPes() {
    if (!pes.isOpen()) {
      return;
    }
    try {
      if (pes.isShort()) {
        errors.drop("audio PID " + pid + ": PES ended " + pes.missing()
            + " bytes short of its declared length; its frames dropped");
        leftover = 0;
        return;
      }
      frames(pes.header().pts(), pes.buffer(), pes.length());
    } finally {
      pes.clear();
    }
  }

  private void frames(long pts, byte[] es, int len) {
    if (work.length < leftover + len) {
      work = Arrays.copyOf(work, leftover + len);
    }
    System.arraycopy(es, 0, work, leftover, len);
    int n = leftover + len;
    int mark = leftover; // the PES timestamp belongs to the first frame starting at or after this
    boolean marked = pts < 0;
    int pos = 0;
    while (pos + ADTS_HEADER <= n) {
      if (!isSync(work, pos)) {
        int next = pos + 1;
        while (next + 1 < n && !isSync(work, next)) {
          next++;
        }
        errors.drop("audio PID " + pid + ": lost ADTS sync; skipped " + (next - pos) + " bytes");
        pos = next;
        continue;
      }
      int frequencyIndex = (work[pos + 2] >> 2) & 0x0F;
      int frameLength = ((work[pos + 3] & 0x03) << 11) | ((work[pos + 4] & 0xFF) << 3) | ((work[pos + 5] & 0xFF) >> 5);
      boolean crc = (work[pos + 1] & 0x01) == 0;
      int headerLength = crc ? ADTS_HEADER + 2 : ADTS_HEADER;
      if (AudioConfig.rate(frequencyIndex) == 0 || frameLength <= headerLength) {
        errors.drop("audio PID " + pid + ": ADTS header with "
            + (frameLength <= headerLength ? "frame_length " + frameLength : "reserved sampling_frequency_index " + frequencyIndex)
            + "; skipped");
        pos++;
        continue;
      }
      if (pos + frameLength > n) {
        break; // the rest of this frame comes in the next PES
      }
      AudioConfig format = format(work, pos);
      if (!format.equals(config)) {
        adopt(format);
        nextTime = Long.MIN_VALUE; // a new rate is a new timescale
      }
      if (!marked && pos >= mark) {
        marked = true;
        long t = Math.floorDiv(clock.peek(pts) * format.sampleRate(), Timestamps.HZ);
        if (nextTime == Long.MIN_VALUE || Math.abs(t - nextTime) <= AudioConfig.FRAME_SAMPLES / 2) {
          clock.extend(pts);
          nextTime = nextTime == Long.MIN_VALUE ? t : nextTime;
        } else if (timeline.follows(nextTime, t)) {
          clock.extend(pts); // frames were lost: a gap
          nextTime = t;
        } else {
          errors.drop("audio PID " + pid + ": PTS " + t + " does not follow " + nextTime
              + " (samples); timestamp ignored");
        }
      }
      int blocks = (work[pos + 6] & 0x03) + 1;
      if (blocks > 1) {
        errors.drop("audio PID " + pid + ": ADTS frame with " + blocks + " raw data blocks is not supported; skipped");
      } else if (nextTime == Long.MIN_VALUE) {
        errors.drop("audio PID " + pid + ": frame before any PES timestamp; skipped");
      } else {
        add(new Sample(Arrays.copyOfRange(work, pos + headerLength, pos + frameLength), nextTime, 0, true));
      }
      if (nextTime != Long.MIN_VALUE) {
        nextTime += (long) blocks * AudioConfig.FRAME_SAMPLES;
      }
      pos += frameLength;
    }
    leftover = n - pos;
    System.arraycopy(work, pos, work, 0, leftover);
  }

  /**
   * Reads the format from an ADTS header at the start of the first PES, so the init segment need
   * not wait until a long audio PES is complete.
   */
  private void learnFormat(byte[] b, int len) {
    if (len >= ADTS_HEADER && isSync(b, 0) && AudioConfig.rate((b[2] >> 2) & 0x0F) != 0) {
      adopt(format(b, 0));
    }
  }

  private void adopt(AudioConfig format) {
    config = format;
    configVersion++;
    timeline = new TimelineGuard(format.sampleRate()); // a second's worth of samples
  }

  private static AudioConfig format(byte[] b, int pos) {
    int frequencyIndex = (b[pos + 2] >> 2) & 0x0F;
    return new AudioConfig(((b[pos + 2] >> 6) & 0x03) + 1, frequencyIndex,
        AudioConfig.rate(frequencyIndex), ((b[pos + 2] & 0x01) << 2) | ((b[pos + 3] >> 6) & 0x03));
  }

  private static boolean isSync(byte[] b, int p) {
    // syncword 0xFFF and layer 00; the MPEG version bit may be either
    return (b[p] & 0xFF) == 0xFF && (b[p + 1] & 0xF6) == 0xF0;
  }

  private void add(Sample s) {
    pendingBytes += s.data().length;
    if (pendingBytes > maxPendingBytes) {
      samples.clear();
      pendingBytes = 0;
      throw new RemuxException("audio PID " + pid + ": more than " + maxPendingBytes
          + " bytes of samples waiting for cutFragment(); dropped them");
    }
    samples.add(s);
  }

  /** Takes the complete frames gathered so far, each 1024 samples long. */
  TrackRun takeRun(int trackId) {
    if (samples.isEmpty()) {
      return null;
    }
    List<Sample> run = List.copyOf(samples);
    long[] durations = new long[run.size()];
    for (int i = 0; i < durations.length; i++) {
      durations[i] = AudioConfig.FRAME_SAMPLES;
    }
    samples.clear();
    pendingBytes = 0;
    return new TrackRun(trackId, false, run, durations);
  }

  /** Drops the frames gathered so far, which could not be sent. */
  void discardSamples() {
    samples.clear();
    pendingBytes = 0;
  }

  /** Forgets the partial PES, partial frame and gathered frames, and the running frame time. */
  void reset() {
    pes.clear();
    leftover = 0;
    samples.clear();
    pendingBytes = 0;
    nextTime = Long.MIN_VALUE;
    timeline.reset();
  }
}
