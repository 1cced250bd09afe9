package io.swarmtv.ts;

import java.util.Locale;

/** Reads the format out of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2 and E.2.1). */
final class HevcSps {
  // Level 6.2 allows 35651584 luma samples, at most 16888 on a side; this leaves headroom while
  // keeping width * height inside an int.
  private static final long MAX_SIDE = 32768;
  private static final int MAX_ST_RPS = 64;
  private static final int MAX_RPS_PICS = 16;
  // A derived side can gather every entry of the set before it plus the delta itself before the
  // check against MAX_RPS_PICS: 16 + 16 + 1.
  private static final int RPS_SIDE = 2 * MAX_RPS_PICS + 1;

  private HevcSps() {}

  /** Parses the SPS payload in b[from, end), after the 2-byte NAL header; null when malformed. */
  static VideoFormat parse(byte[] b, int from, int end) {
    if (end - from < 15) {
      return null;
    }
    RbspReader r = new RbspReader(b, from, end);
    r.skip(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = (int) r.bits(3);
    if (maxSubLayersMinus1 > 6) {
      return null;
    }
    r.skip(1); // sps_temporal_id_nesting_flag

    // general profile_tier_level, kept whole for the codecs string
    int profileSpace = (int) r.bits(2);
    boolean highTier = r.flag();
    int profileIdc = (int) r.bits(5);
    long compatibility = r.bits(32);
    long constraintFlags = r.bits(48);
    int levelIdc = r.u8();
    int subLayerFlags = (int) r.bits(2 * maxSubLayersMinus1); // profile/level present pairs
    if (maxSubLayersMinus1 > 0) {
      r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      int pair = subLayerFlags >>> (2 * (maxSubLayersMinus1 - 1 - i));
      if ((pair & 2) != 0) { // sub_layer_profile_present_flag
        r.skip(88);
      }
      if ((pair & 1) != 0) { // sub_layer_level_present_flag
        r.skip(8);
      }
    }

    long spsId = r.ue();
    long chromaFormatIdc = r.ue();
    if (spsId < 0 || spsId > 15 || chromaFormatIdc < 0 || chromaFormatIdc > 3) {
      return null;
    }
    boolean separateColourPlane = chromaFormatIdc == 3 && r.flag();
    long width = r.ue();
    long height = r.ue();
    if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
      return null;
    }
    if (r.flag()) { // conformance_window_flag
      int chromaArrayType = separateColourPlane ? 0 : (int) chromaFormatIdc;
      int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
      int subHeightC = chromaArrayType == 1 ? 2 : 1;
      long left = r.ue();
      long right = r.ue();
      long top = r.ue();
      long bottom = r.ue();
      if (left < 0 || right < 0 || top < 0 || bottom < 0) {
        return null;
      }
      width -= subWidthC * (left + right);
      height -= subHeightC * (top + bottom);
      if (width <= 0 || height <= 0) {
        return null;
      }
    }
    if (r.failed()) {
      return null;
    }
    String profile = profileName(profileIdc, compatibility);
    String codecs = codecs(profileSpace, profileIdc, compatibility, highTier, levelIdc,
        constraintFlags);
    // The size and codecs are known by now; whatever goes wrong later only loses the frame rate.
    double frameRate = frameRate(r, maxSubLayersMinus1);
    return new VideoFormat(StreamType.H265, (int) width, (int) height, frameRate, profile, codecs);
  }

  /** Walks the rest of the SPS up to the VUI timing info; 0 when absent or malformed. */
  private static double frameRate(RbspReader r, int maxSubLayersMinus1) {
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    long log2MaxPocLsb = r.ue() + 4;
    if (log2MaxPocLsb < 4 || log2MaxPocLsb > 16) {
      return 0;
    }
    boolean orderingInfoForAll = r.flag();
    for (int i = orderingInfoForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
      r.ue(); // sps_max_dec_pic_buffering_minus1
      r.ue(); // sps_max_num_reorder_pics
      r.ue(); // sps_max_latency_increase_plus1
    }
    for (int i = 0; i < 6; i++) {
      // log2_min_luma_coding_block_size_minus3 .. max_transform_hierarchy_depth_intra
      r.ue();
    }
    if (r.flag() && r.flag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
      if (!skipScalingListData(r)) {
        return 0;
      }
    }
    r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
    if (r.flag()) { // pcm_enabled_flag
      r.skip(8); // pcm sample bit depths
      r.ue();
      r.ue();
      r.skip(1);
    }
    long numStRps = r.ue();
    if (numStRps < 0 || numStRps > MAX_ST_RPS || !skipStRefPicSets(r, (int) numStRps)) {
      return 0;
    }
    if (r.flag()) { // long_term_ref_pics_present_flag
      long numLongTerm = r.ue();
      if (numLongTerm < 0 || numLongTerm > 32) {
        return 0;
      }
      for (int i = 0; i < numLongTerm; i++) {
        r.skip((int) log2MaxPocLsb + 1); // lt_ref_pic_poc_lsb_sps, used_by_curr_pic_lt_sps_flag
      }
    }
    r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
    if (!r.flag()) { // vui_parameters_present_flag
      return 0;
    }
    if (r.flag()) { // aspect_ratio_info_present_flag
      if (r.u8() == 255) {
        r.skip(32);
      }
    }
    if (r.flag()) { // overscan_info_present_flag
      r.skip(1);
    }
    if (r.flag()) { // video_signal_type_present_flag
      r.skip(4);
      if (r.flag()) {
        r.skip(24);
      }
    }
    if (r.flag()) { // chroma_loc_info_present_flag
      r.ue();
      r.ue();
    }
    r.skip(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
    if (r.flag()) { // default_display_window_flag
      for (int i = 0; i < 4; i++) {
        r.ue();
      }
    }
    if (!r.flag()) { // vui_timing_info_present_flag
      return 0;
    }
    long numUnitsInTick = r.bits(32);
    long timeScale = r.bits(32);
    if (r.failed() || numUnitsInTick == 0 || timeScale == 0) {
      return 0;
    }
    return (double) timeScale / numUnitsInTick;
  }

  private static boolean skipScalingListData(RbspReader r) {
    for (int sizeId = 0; sizeId < 4; sizeId++) {
      for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
        if (!r.flag()) { // scaling_list_pred_mode_flag
          if (r.ue() < 0) { // scaling_list_pred_matrix_id_delta
            return false;
          }
        } else {
          int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
          if (sizeId > 1 && r.se() == Long.MIN_VALUE) { // scaling_list_dc_coef_minus8
            return false;
          }
          for (int i = 0; i < coefNum; i++) {
            if (r.se() == Long.MIN_VALUE) { // scaling_list_delta_coef
              return false;
            }
          }
        }
      }
    }
    return !r.failed();
  }

  /**
   * Skips the SPS's st_ref_pic_set()s. A predicted set's syntax depends on how many delta POCs
   * the set before it has, which takes the derivation of 7.4.8 (entries landing on delta 0 drop
   * out), so the delta POCs of the previous set are kept.
   */
  private static boolean skipStRefPicSets(RbspReader r, int count) {
    int[] prev0 = new int[RPS_SIDE];
    int[] prev1 = new int[RPS_SIDE];
    int[] cur0 = new int[RPS_SIDE];
    int[] cur1 = new int[RPS_SIDE];
    int prevN0 = 0;
    int prevN1 = 0;
    for (int idx = 0; idx < count; idx++) {
      int n0 = 0;
      int n1 = 0;
      if (idx != 0 && r.flag()) { // inter_ref_pic_set_prediction_flag
        // In the SPS the reference is always the previous set (delta_idx_minus1 is slice-only).
        int sign = r.bit();
        long absMinus1 = r.ue();
        if (absMinus1 < 0 || absMinus1 > 32767) {
          return false;
        }
        int deltaRps = (int) ((1 - 2 * sign) * (absMinus1 + 1));
        int refCount = prevN0 + prevN1;
        long useDelta = 0; // bit j: use_delta_flag[j], inferred 1 when used_by_curr_pic_flag is
        for (int j = 0; j <= refCount; j++) {
          if (r.flag() || r.flag()) {
            useDelta |= 1L << j;
          }
        }
        for (int j = prevN1 - 1; j >= 0; j--) {
          int d = prev1[j] + deltaRps;
          if (d < 0 && (useDelta & (1L << (prevN0 + j))) != 0) {
            cur0[n0++] = d;
          }
        }
        if (deltaRps < 0 && (useDelta & (1L << refCount)) != 0) {
          cur0[n0++] = deltaRps;
        }
        for (int j = 0; j < prevN0; j++) {
          int d = prev0[j] + deltaRps;
          if (d < 0 && (useDelta & (1L << j)) != 0) {
            cur0[n0++] = d;
          }
        }
        for (int j = prevN0 - 1; j >= 0; j--) {
          int d = prev0[j] + deltaRps;
          if (d > 0 && (useDelta & (1L << j)) != 0) {
            cur1[n1++] = d;
          }
        }
        if (deltaRps > 0 && (useDelta & (1L << refCount)) != 0) {
          cur1[n1++] = deltaRps;
        }
        for (int j = 0; j < prevN1; j++) {
          int d = prev1[j] + deltaRps;
          if (d > 0 && (useDelta & (1L << (prevN0 + j))) != 0) {
            cur1[n1++] = d;
          }
        }
        if (n0 > MAX_RPS_PICS || n1 > MAX_RPS_PICS) {
          return false;
        }
      } else {
        long negative = r.ue();
        long positive = r.ue();
        if (negative < 0 || negative > MAX_RPS_PICS || positive < 0 || positive > MAX_RPS_PICS) {
          return false;
        }
        int poc = 0;
        for (n0 = 0; n0 < negative; n0++) {
          long d = r.ue(); // delta_poc_s0_minus1
          if (d < 0 || d > 32767) {
            return false;
          }
          poc -= (int) d + 1;
          cur0[n0] = poc;
          r.skip(1); // used_by_curr_pic_s0_flag
        }
        poc = 0;
        for (n1 = 0; n1 < positive; n1++) {
          long d = r.ue(); // delta_poc_s1_minus1
          if (d < 0 || d > 32767) {
            return false;
          }
          poc += (int) d + 1;
          cur1[n1] = poc;
          r.skip(1); // used_by_curr_pic_s1_flag
        }
      }
      if (r.failed()) {
        return false;
      }
      int[] t = prev0;
      prev0 = cur0;
      cur0 = t;
      t = prev1;
      prev1 = cur1;
      cur1 = t;
      prevN0 = n0;
      prevN1 = n1;
    }
    return true;
  }

  /**
   * The RFC 6381 string per ISO/IEC 14496-15 E.3, as Apple and ffmpeg write it: profile space
   * and idc, the compatibility flags bit-reversed in hex, tier and level, then the six constraint
   * bytes in hex with trailing zero bytes dropped (keeping at least one).
   */
  static String codecs(int profileSpace, int profileIdc, long compatibility, boolean highTier,
      int levelIdc, long constraintFlags) {
    StringBuilder s = new StringBuilder(32).append("hvc1.");
    if (profileSpace > 0) {
      s.append((char) ('A' + profileSpace - 1));
    }
    s.append(profileIdc).append('.');
    String flags = Integer.toHexString(Integer.reverse((int) compatibility));
    s.append(flags.toUpperCase(Locale.ROOT));
    s.append('.').append(highTier ? 'H' : 'L').append(levelIdc);
    int bytes = 6;
    while (bytes > 1 && ((constraintFlags >>> (8 * (6 - bytes))) & 0xFF) == 0) {
      bytes--;
    }
    for (int i = 0; i < bytes; i++) {
      int v = (int) (constraintFlags >>> (8 * (5 - i))) & 0xFF;
      s.append('.').append(Integer.toHexString(v).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  /** The profile as ffmpeg names it, so probe output matches ffprobe. */
  static String profileName(int profileIdc, long compatibility) {
    int idc = profileIdc;
    // Like ffmpeg, fall back to the lowest compatible profile when profile_idc is unset.
    if (idc == 0) {
      for (int j = 1; j < 32; j++) {
        if ((compatibility & (1L << (31 - j))) != 0) {
          idc = j;
          break;
        }
      }
    }
    switch (idc) {
      case 1: return "Main";
      case 2: return "Main 10";
      case 3: return "Main Still Picture";
      case 4: return "Rext";
      case 5: return "High Throughput";
      case 6: return "Multiview Main";
      case 7: return "Scalable Main";
      case 8: return "3D Main";
      case 9: return "SCC";
      default: return "Profile " + idc;
    }
  }
}
