package io.swarmtv.ts;

/** Reads the format out of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1 and E.1.1). */
final class AvcSps {
  // A level 6.2 frame is at most 139264 macroblocks; anything far past that is garbage, and the
  // bound keeps width * height well inside an int.
  private static final long MAX_MBS_PER_SIDE = 2048;

  private AvcSps() {}

  /** Parses the SPS payload in b[from, end) (after the NAL header byte); null when malformed. */
  static VideoFormat parse(byte[] b, int from, int end) {
    if (end - from < 3) {
      return null;
    }
    RbspReader r = new RbspReader(b, from, end);
    int profileIdc = r.u8();
    int constraints = r.u8();
    int levelIdc = r.u8();
    long spsId = r.ue();
    if (spsId < 0 || spsId > 31) {
      return null;
    }
    int chromaFormatIdc = 1;
    boolean separateColourPlane = false;
    if (hasChromaInfo(profileIdc)) {
      long cf = r.ue();
      if (cf < 0 || cf > 3) {
        return null;
      }
      chromaFormatIdc = (int) cf;
      if (chromaFormatIdc == 3) {
        separateColourPlane = r.flag();
      }
      long depthLuma = r.ue();
      long depthChroma = r.ue();
      if (depthLuma < 0 || depthLuma > 6 || depthChroma < 0 || depthChroma > 6) {
        return null;
      }
      r.skip(1); // qpprime_y_zero_transform_bypass_flag
      if (r.flag()) { // seq_scaling_matrix_present_flag
        int lists = chromaFormatIdc != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (r.flag() && !skipScalingList(r, i < 6 ? 16 : 64)) {
            return null;
          }
        }
      }
    }
    long log2MaxFrameNumMinus4 = r.ue();
    if (log2MaxFrameNumMinus4 < 0 || log2MaxFrameNumMinus4 > 12) {
      return null;
    }
    long pocType = r.ue();
    if (pocType == 0) {
      long log2MaxPocLsbMinus4 = r.ue();
      if (log2MaxPocLsbMinus4 < 0 || log2MaxPocLsbMinus4 > 12) {
        return null;
      }
    } else if (pocType == 1) {
      r.skip(1); // delta_pic_order_always_zero_flag
      if (r.se() == Long.MIN_VALUE || r.se() == Long.MIN_VALUE) {
        return null;
      }
      long cycle = r.ue();
      if (cycle < 0 || cycle > 255) {
        return null;
      }
      for (int i = 0; i < cycle; i++) {
        if (r.se() == Long.MIN_VALUE) {
          return null;
        }
      }
    } else if (pocType != 2) {
      return null;
    }
    long maxNumRefFrames = r.ue();
    if (maxNumRefFrames < 0) {
      return null;
    }
    r.skip(1); // gaps_in_frame_num_value_allowed_flag
    long widthMbs = r.ue() + 1;
    long heightMapUnits = r.ue() + 1;
    if (widthMbs < 1 || widthMbs > MAX_MBS_PER_SIDE
        || heightMapUnits < 1 || heightMapUnits > MAX_MBS_PER_SIDE) {
      return null;
    }
    boolean frameMbsOnly = r.flag();
    if (!frameMbsOnly) {
      r.skip(1); // mb_adaptive_frame_field_flag
    }
    r.skip(1); // direct_8x8_inference_flag
    long width = widthMbs * 16;
    long height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
    if (r.flag()) { // frame_cropping_flag
      int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
      int cropUnitX = chromaArrayType == 0 || chromaArrayType == 3 ? 1 : 2;
      int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
      long left = r.ue();
      long right = r.ue();
      long top = r.ue();
      long bottom = r.ue();
      if (left < 0 || right < 0 || top < 0 || bottom < 0) {
        return null;
      }
      width -= (left + right) * cropUnitX;
      height -= (top + bottom) * cropUnitY;
      if (width <= 0 || height <= 0) {
        return null;
      }
    }
    if (r.failed()) {
      return null;
    }
    // The size is known by now; a VUI cut short only loses the frame rate.
    double frameRate = 0;
    if (r.flag()) {
      frameRate = vuiFrameRate(r);
    }
    return new VideoFormat(StreamType.H264, (int) width, (int) height, frameRate,
        profileName(profileIdc, constraints), codecs(profileIdc, constraints, levelIdc));
  }

  /** The RFC 6381 string: avc1 then profile_idc, the constraint-flags byte and level_idc in hex. */
  static String codecs(int profileIdc, int constraints, int levelIdc) {
    char[] c = {'a', 'v', 'c', '1', '.', 0, 0, 0, 0, 0, 0};
    hex2(c, 5, profileIdc);
    hex2(c, 7, constraints);
    hex2(c, 9, levelIdc);
    return new String(c);
  }

  private static void hex2(char[] c, int at, int v) {
    c[at] = Character.forDigit((v >> 4) & 0xF, 16);
    c[at + 1] = Character.forDigit(v & 0xF, 16);
  }

  private static boolean hasChromaInfo(int profileIdc) {
    switch (profileIdc) {
      case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118: case 128:
      case 138: case 139: case 134: case 135:
        return true;
      default:
        return false;
    }
  }

  private static boolean skipScalingList(RbspReader r, int size) {
    int lastScale = 8;
    int nextScale = 8;
    for (int j = 0; j < size; j++) {
      if (nextScale != 0) {
        long delta = r.se();
        if (delta < -128 || delta > 127) {
          return false;
        }
        nextScale = (int) ((lastScale + delta + 256) % 256);
      }
      lastScale = nextScale == 0 ? lastScale : nextScale;
    }
    return true;
  }

  private static double vuiFrameRate(RbspReader r) {
    if (r.flag()) { // aspect_ratio_info_present_flag
      if (r.u8() == 255) { // Extended_SAR
        r.skip(32);
      }
    }
    if (r.flag()) { // overscan_info_present_flag
      r.skip(1);
    }
    if (r.flag()) { // video_signal_type_present_flag
      r.skip(4); // video_format, video_full_range_flag
      if (r.flag()) { // colour_description_present_flag
        r.skip(24);
      }
    }
    if (r.flag()) { // chroma_loc_info_present_flag
      if (r.ue() < 0 || r.ue() < 0) {
        return 0;
      }
    }
    if (!r.flag()) { // timing_info_present_flag
      return 0;
    }
    long numUnitsInTick = r.bits(32);
    long timeScale = r.bits(32);
    if (r.failed() || numUnitsInTick == 0 || timeScale == 0) {
      return 0;
    }
    // A frame is two ticks in H.264 (one per field), progressive or not.
    return timeScale / (2.0 * numUnitsInTick);
  }

  /** The profile as ffmpeg names it, so probe output matches ffprobe. */
  static String profileName(int profileIdc, int constraints) {
    boolean set1 = (constraints & 0x40) != 0;
    boolean set3 = (constraints & 0x10) != 0;
    switch (profileIdc) {
      case 66: return set1 ? "Constrained Baseline" : "Baseline";
      case 77: return "Main";
      case 88: return "Extended";
      case 100: return "High";
      case 110: return set3 ? "High 10 Intra" : "High 10";
      case 122: return set3 ? "High 4:2:2 Intra" : "High 4:2:2";
      case 244: return set3 ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
      case 44: return "CAVLC 4:4:4";
      case 83: return "Scalable Baseline";
      case 86: return "Scalable High";
      case 118: return "Multiview High";
      case 128: return "Stereo High";
      default: return "Profile " + profileIdc;
    }
  }
}
