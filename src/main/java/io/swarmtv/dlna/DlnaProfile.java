package io.swarmtv.dlna;

import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.VideoFormat;
import java.util.Optional;

/**
 * The DLNA media format profile (DLNA.ORG_PN) of a 188-byte-packet MPEG-TS, from DLNA's AV
 * media format guidelines: {@code AVC_TS_MP_{SD,HD}_..._ISO} for H.264 and
 * {@code MPEG_TS_{SD_EU,SD_NA,HD_NA}_ISO} for MPEG-2 video. A stream no profile fits gets none:
 * TVs then judge it by MIME type, where a wrong profile makes them refuse it outright.
 */
public final class DlnaProfile {
  private DlnaProfile() {}

  /** The profile name, or empty when no DLNA profile describes the stream. */
  public static Optional<String> of(LiveStreamFormat format) {
    VideoFormat v = format.video();
    if (v == null || format.audio().isEmpty()) {
      return Optional.empty();
    }
    StreamType audio = format.audio().get(0);
    return switch (v.type()) {
      case H264 -> avc(v, audio);
      case MPEG2_VIDEO -> mpeg2(v, audio);
      default -> Optional.empty();
    };
  }

  private static Optional<String> avc(VideoFormat v, StreamType audio) {
    // DLNA's AVC_TS_MP profiles take Main and High profile at up to level 4 (HD) or 3 (SD);
    // Constrained Baseline is a subset of Main. Plain Baseline may use tools Main lacks.
    String p = v.profile() == null ? "" : v.profile();
    if (!(p.equals("Main") || p.equals("High") || p.equals("Constrained Baseline"))) {
      return Optional.empty();
    }
    String size;
    if (v.width() <= 720 && v.height() <= 576) {
      size = "SD";
    } else if (v.width() <= 1920 && v.height() <= 1080) {
      size = "HD";
    } else {
      return Optional.empty();
    }
    String sound = switch (audio) {
      case AAC -> "AAC_MULT5";
      case AC3 -> "AC3";
      default -> null;
    };
    return sound == null ? Optional.empty() : Optional.of("AVC_TS_MP_" + size + "_" + sound + "_ISO");
  }

  private static Optional<String> mpeg2(VideoFormat v, StreamType audio) {
    boolean fullHd = v.width() == 1920 && v.height() == 1080;
    boolean hd720 = v.width() == 1280 && v.height() == 720;
    boolean sd576 = v.height() == 576 && (v.width() == 720 || v.width() == 704 || v.width() == 544
        || v.width() == 480 || v.width() == 352);
    boolean sd480 = v.height() == 480 && (v.width() == 720 || v.width() == 704 || v.width() == 640
        || v.width() == 544 || v.width() == 480 || v.width() == 352);
    double fps = v.frameRate();
    boolean rate25 = Math.abs(fps - 25) < 0.01;
    boolean rateNa = Math.abs(fps - 30000 / 1001.0) < 0.01 || Math.abs(fps - 30) < 0.01
        || Math.abs(fps - 24000 / 1001.0) < 0.01 || Math.abs(fps - 24) < 0.01;
    if (sd576 && rate25 && (audio == StreamType.MPEG_AUDIO || audio == StreamType.AC3)) {
      return Optional.of("MPEG_TS_SD_EU_ISO");
    }
    if (audio != StreamType.AC3 || !rateNa) {
      return Optional.empty();
    }
    if (sd480) {
      return Optional.of("MPEG_TS_SD_NA_ISO");
    }
    if (fullHd || hd720) {
      return Optional.of("MPEG_TS_HD_NA_ISO");
    }
    return Optional.empty();
  }
}
