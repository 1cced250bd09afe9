package io.swarmtv.hls.mp4;

import io.swarmtv.ts.RbspReader;
import java.util.List;

/** Writes the hvcC payload (ISO/IEC 14496-15 8.3.3.1) from the stream's VPS, SPS and PPS. */
final class HevcDecoderConfigurationRecord {
  static final int VPS = 32;
  static final int SPS = 33;
  static final int PPS = 34;

  private HevcDecoderConfigurationRecord() {}

  /**
   * NAL units include their two-byte header. Profile, tier, level and sample format come from the
   * first SPS; returns null when it is too damaged to read them.
   */
  static byte[] of(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
    byte[] first = sps.get(0);
    RbspReader r = new RbspReader(first, 2, first.length);
    r.skip(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = (int) r.bits(3);
    boolean temporalIdNesting = r.flag();
    if (maxSubLayersMinus1 > 6) {
      return null;
    }
    int profileSpaceTierIdc = r.u8();
    long compatibility = r.bits(32);
    long constraintHigh = r.bits(32);
    long constraintLow = r.bits(16);
    int levelIdc = r.u8();
    int subLayerFlags = (int) r.bits(2 * maxSubLayersMinus1);
    if (maxSubLayersMinus1 > 0) {
      r.skip(2 * (8 - maxSubLayersMinus1));
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      int pair = subLayerFlags >>> (2 * (maxSubLayersMinus1 - 1 - i));
      if ((pair & 2) != 0) {
        r.skip(88);
      }
      if ((pair & 1) != 0) {
        r.skip(8);
      }
    }
    r.ue(); // sps_seq_parameter_set_id
    long chroma = r.ue();
    if (chroma == 3) {
      r.skip(1);
    }
    r.ue(); // pic_width_in_luma_samples
    r.ue(); // pic_height_in_luma_samples
    if (r.flag()) { // conformance_window_flag
      r.ue();
      r.ue();
      r.ue();
      r.ue();
    }
    long depthLuma = r.ue();
    long depthChroma = r.ue();
    if (r.failed() || chroma < 0 || chroma > 3 || depthLuma < 0 || depthLuma > 7
        || depthChroma < 0 || depthChroma > 7) {
      return null;
    }
    BoxWriter w = new BoxWriter(128);
    w.u8(1); // configurationVersion
    w.u8(profileSpaceTierIdc);
    w.u32(compatibility);
    w.u32(constraintHigh);
    w.u16((int) constraintLow);
    w.u8(levelIdc);
    w.u16(0xF000); // min_spatial_segmentation_idc unknown
    w.u8(0xFC); // parallelismType unknown
    w.u8(0xFC | (int) chroma);
    w.u8(0xF8 | (int) depthLuma);
    w.u8(0xF8 | (int) depthChroma);
    w.u16(0); // avgFrameRate unspecified
    w.u8(((maxSubLayersMinus1 + 1) << 3) | (temporalIdNesting ? 4 : 0) | 3);
    w.u8(3);
    array(w, VPS, vps);
    array(w, SPS, sps);
    array(w, PPS, pps);
    return w.toByteArray();
  }

  private static void array(BoxWriter w, int type, List<byte[]> units) {
    // array_completeness 1: every parameter set is here, none in the samples (as hvc1 requires).
    w.u8(0x80 | type);
    w.u16(units.size());
    for (byte[] u : units) {
      w.u16(u.length);
      w.bytes(u);
    }
  }
}
