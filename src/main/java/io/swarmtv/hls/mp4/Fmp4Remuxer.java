package io.swarmtv.hls.mp4;

import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.ProgramMap;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.Timestamps;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Remuxes one channel's live MPEG-TS into fragmented MP4 for HLS: an init segment (ftyp+moov)
 * and, per LL-HLS part, one fragment (moof+mdat) of the complete samples so far.
 *
 * <p>Takes the first H.264 or H.265 stream and the first AAC (ADTS) stream of the first program;
 * other streams are left out. Video is timed at 90 kHz, audio at its sample rate; decode times
 * are the streams' own DTS, unwrapped past 2^33, so a player keeps audio and video in sync and
 * the fragments' times match the TS segments'.
 *
 * <p>Malformed input never stops the remuxer: a damaged frame or AAC frame is dropped and counted
 * ({@link #inputErrors()}, {@link #lastError()}). A PES beyond {@link #MAX_FRAME_BYTES}, or
 * samples piling up past {@link #MAX_PENDING_BYTES} because no one cuts fragments, throws a
 * {@link RemuxException} once the rest of the packets given are read; that data is dropped and
 * the remuxer stays usable.
 *
 * <p>One per channel; not thread-safe.
 */
public final class Fmp4Remuxer {
  /** Largest PES (one video frame, or one audio PES) accepted. */
  public static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;
  /** Largest amount of sample data a track holds between two cuts. */
  public static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;

  private static final int FIRST_TRACK_ID = 1;

  private final TimestampUnwrapper clock = new TimestampUnwrapper();
  private final SampleErrors errors = new SampleErrors();
  private final Listener listener = new Listener();
  private TsDemuxer demuxer = new TsDemuxer(listener);
  private VideoTrack video;
  private AudioTrack audio;
  private long sequenceNumber;

  private String leftOut;
  private byte[] init;
  private int initVideoVersion = -1;
  private int initAudioVersion = -1;
  private int initVersion;

  /**
   * Takes whole 188-byte TS packets in stream order. Packets without the sync byte are skipped
   * and counted.
   *
   * @throws IllegalArgumentException when {@code len} is not a multiple of 188 or the range is
   *     outside {@code ts}
   * @throws RemuxException when a PES grows past {@link #MAX_FRAME_BYTES} or samples pile up
   */
  public void accept(byte[] ts, int off, int len) {
    if (off < 0 || len < 0 || off > ts.length - len) {
      throw new IllegalArgumentException("range " + off + "+" + len + " is outside an array of " + ts.length);
    }
    if (len % TsPacket.SIZE != 0) {
      throw new IllegalArgumentException(len + " bytes are not whole " + TsPacket.SIZE + "-byte TS packets");
    }
    RemuxException refused = null;
    for (int p = off; p < off + len; p += TsPacket.SIZE) {
      if (!TsPacket.hasSync(ts, p)) {
        errors.drop("TS packet at byte " + (p - off) + " of this call lacks the sync byte; skipped");
        continue;
      }
      try {
        demuxer.accept(ts, p);
      } catch (RemuxException e) {
        // The other streams' packets after this one still count: report once all are read.
        if (refused == null) {
          refused = e;
        }
      }
    }
    if (refused != null) {
      throw refused;
    }
  }

  /**
   * At a part boundary: all complete samples so far as one fragment, or null when there are none
   * or the init segment is not yet known (what came before it is dropped: nothing could play it).
   *
   * <p>Video gives each sample the distance to the next frame's DTS; the last one, whose next
   * frame is still to come, gets the last interval seen (or the SPS frame rate). The next
   * fragment's decode time is its first frame's exact DTS, so an estimate never accumulates.
   */
  public Fragment cutFragment() {
    if (video != null) {
      video.partBoundary();
    }
    if (audio != null) {
      audio.partBoundary(video == null);
    }
    // Fragments start at a video keyframe: audio from before the first one is dropped with the
    // video frames that could not be decoded.
    if (currentInit() == null || (video != null && video.waitingForKeyframe())) {
      if (video != null) {
        video.discardUntilKeyframe();
      }
      if (audio != null) {
        audio.discardSamples();
      }
      return null;
    }
    List<TrackRun> runs = new ArrayList<>(2);
    TrackRun v = video == null ? null : video.takeRun(videoTrackId());
    TrackRun a = audio == null ? null : audio.takeRun(audioTrackId());
    if (v != null) {
      runs.add(v);
    }
    if (a != null) {
      runs.add(a);
    }
    if (runs.isEmpty()) {
      return null;
    }
    byte[] bytes = MovieFragmentWriter.write(++sequenceNumber, runs);
    if (v != null) {
      return new Fragment(bytes, v.baseDecodeTime(), v.totalDuration(), v.samples().get(0).sync());
    }
    int rate = audio.config().sampleRate();
    return new Fragment(bytes, a.baseDecodeTime() * Timestamps.HZ / rate,
        a.totalDuration() * Timestamps.HZ / rate, video == null);
  }

  /**
   * The init segment (ftyp+moov) once the program's streams and their parameter sets (SPS/PPS,
   * VPS for HEVC) and AAC format are known, else null. It changes when they change; see
   * {@link #initVersion()}.
   */
  public byte[] initSegment() {
    byte[] current = currentInit();
    return current == null ? null : current.clone();
  }

  private byte[] currentInit() {
    if (video == null && audio == null) {
      return null;
    }
    VideoConfig vc = video == null ? null : video.config();
    AudioConfig ac = audio == null ? null : audio.config();
    if ((video != null && vc == null) || (audio != null && ac == null)) {
      return null;
    }
    int vv = video == null ? 0 : video.configVersion();
    int av = audio == null ? 0 : audio.configVersion();
    if (init == null || vv != initVideoVersion || av != initAudioVersion) {
      init = InitSegmentWriter.write(vc, videoTrackId(), ac, audioTrackId());
      initVideoVersion = vv;
      initAudioVersion = av;
      initVersion++;
    }
    return init;
  }

  /**
   * Counts the init segments made so far: a new value means fragments from now on need the new
   * init (a new EXT-X-MAP). Starts at 0 before the first.
   */
  public int initVersion() {
    currentInit();
    return initVersion;
  }

  /** The RFC 6381 codecs of the tracks, video first, e.g. "avc1.4d401e,mp4a.40.2"; null until the init segment is known. */
  public String codecs() {
    if (currentInit() == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    if (video != null) {
      s.append(video.config().format().codecs());
    }
    if (audio != null) {
      s.append(s.length() > 0 ? "," : "").append(audio.config().codecs());
    }
    return s.toString();
  }

  /**
   * After a discontinuity or gap: forgets partial and gathered samples and the stream state; video
   * resumes at the next keyframe. The parameter sets are kept, so the init segment stays unless
   * the stream after the gap brings different ones. Fragment sequence numbers keep counting.
   */
  public void reset() {
    demuxer = new TsDemuxer(listener);
    clock.reset();
    if (video != null) {
      video.reset();
    }
    if (audio != null) {
      audio.reset();
    }
  }

  /**
   * Audio and video streams of the program that the fMP4 leaves out (only the first H.264/H.265
   * and the first AAC stream go in), e.g. "PID 257 (ac3)"; null when none. A program whose video
   * is of another codec is not remuxed at all, and this says so.
   */
  public String leftOut() {
    return leftOut;
  }

  /**
   * Malformed inputs met so far: frames, AAC frames and packets dropped, wild timestamps ignored.
   */
  public long inputErrors() {
    return errors.count();
  }

  /** What the last one was and what was done about it, or null. */
  public String lastError() {
    return errors.last();
  }

  private int videoTrackId() {
    return FIRST_TRACK_ID;
  }

  private int audioTrackId() {
    return video == null ? FIRST_TRACK_ID : FIRST_TRACK_ID + 1;
  }

  private void selectTracks(ProgramMap pmt) {
    ElementaryStream v = null;
    ElementaryStream a = null;
    StringBuilder skipped = new StringBuilder();
    for (ElementaryStream s : pmt.streams()) {
      if (v == null && (s.type() == StreamType.H264 || s.type() == StreamType.H265)) {
        v = s;
      } else if (a == null && s.type() == StreamType.AAC) {
        a = s;
      } else if (s.type().isVideo() || s.type().isAudio()) {
        skipped.append(skipped.length() > 0 ? ", " : "").append("PID ").append(s.pid())
            .append(" (").append(s.type().codec()).append(')');
      }
    }
    ElementaryStream primary = pmt.primary();
    if (primary != null && primary.type().isVideo() && v == null) {
      // Audio alone would pass for the channel while its picture is lost: carry nothing.
      a = null;
      skipped.insert(0, "no H.264 or H.265 video; not remuxed: ");
    }
    leftOut = skipped.length() == 0 ? null : skipped.toString();
    boolean sameVideo = v == null ? video == null : video != null && video.pid() == v.pid() && video.type() == v.type();
    boolean sameAudio = a == null ? audio == null : audio != null && audio.pid() == a.pid();
    if (sameVideo && sameAudio) {
      return;
    }
    // New streams: a new init segment, with new track ids when a track came or went.
    video = v == null ? null : new VideoTrack(v.type(), v.pid(), MAX_FRAME_BYTES, MAX_PENDING_BYTES, clock, errors);
    audio = a == null ? null : new AudioTrack(a.pid(), MAX_FRAME_BYTES, MAX_PENDING_BYTES, clock, errors);
    init = null;
  }

  /** The demuxer's callbacks, kept off the public API. */
  private final class Listener implements TsListener {
    @Override
    public void onProgramMap(ProgramMap pmt, long packetIndex) {
      ProgramMap first = demuxer.firstProgram();
      if (first != null && first.programNumber() == pmt.programNumber()) {
        selectTracks(pmt);
      }
    }

    @Override
    public void onPesPayload(ElementaryStream stream, byte[] b, int from, int to, boolean unitStart, long packetIndex) {
      if (video != null && stream.pid() == video.pid()) {
        video.payload(b, from, to, unitStart);
      } else if (audio != null && stream.pid() == audio.pid()) {
        audio.payload(b, from, to, unitStart);
      }
    }

    @Override
    public void onContinuityError(int pid, int expected, int actual, long packetIndex) {
      if (video != null && pid == video.pid()) {
        video.continuityError();
      } else if (audio != null && pid == audio.pid()) {
        audio.continuityError();
      }
    }
  }
}
