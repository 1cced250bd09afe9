package io.swarmtv.hls;

import io.swarmtv.hls.mp4.Fmp4Remuxer;
import io.swarmtv.hls.mp4.Fragment;
import io.swarmtv.hls.mp4.RemuxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fMP4 (CMAF) side of a channel: the same packets that go into the TS parts go through the
 * remuxer, and each part's fragment is cut where the part ends. Keeps the recent init segments
 * for {@code EXT-X-MAP}. Fed on the channel's thread; {@link #init} and {@link #codecs} may be
 * read from any.
 */
final class CmafRemux {
  private static final Logger log = LoggerFactory.getLogger(CmafRemux.class);
  /** Init segments kept: a few versions cover every segment still in the window in practice. */
  private static final int INITS_KEPT = 8;

  private final Fmp4Remuxer remuxer = new Fmp4Remuxer();
  private final Map<Integer, byte[]> inits = new ConcurrentHashMap<>();
  private volatile String codecs;
  private long failures;

  /** Packets of the part being written. */
  void accept(byte[] ts) {
    try {
      remuxer.accept(ts, 0, ts.length);
    } catch (RemuxException e) {
      // The damaged data is dropped by the remuxer; this part's fragment may lack it.
      failures++;
      log.debug("fMP4 remux: {}", e.getMessage());
    }
  }

  /** The part ends: its fragment, or null when there is none to serve (no init yet, no samples). */
  CmafPart cut() {
    Fragment f = remuxer.cutFragment();
    byte[] init = remuxer.initSegment();
    if (f == null || init == null) {
      return null;
    }
    int version = remuxer.initVersion();
    if (inits.putIfAbsent(version, init) == null) {
      inits.keySet().removeIf(v -> v <= version - INITS_KEPT);
      codecs = remuxer.codecs();
    }
    return new CmafPart(f.bytes(), version);
  }

  /** Media was lost or the source restarted: what was gathered is dropped, video resumes at a keyframe. */
  void reset() {
    remuxer.reset();
  }

  /** Init segment {@code version}, or null when not (or no longer) kept. */
  byte[] init(int version) {
    return inits.get(version);
  }

  /** RFC 6381 codecs of the fMP4 tracks, or null before the first fragment. */
  String codecs() {
    return codecs;
  }

  long failures() {
    return failures;
  }
}
