package io.swarmtv.hls.mp4;

import io.swarmtv.ts.RbspReader;
import java.util.List;

/** Writes the avcC payload (ISO/IEC 14496-15 5.3.3.1) from the stream's SPS and PPS NAL units. */
final class AvcDecoderConfigurationRecord {
  private AvcDecoderConfigurationRecord() {}

  /** NAL units include their one-byte header; the first SPS gives profile and level. */
  static byte[] of(List<byte[]> sps, List<byte[]> pps) {
    byte[] first = sps.get(0);
    if (first.length < 4) {
      throw new IllegalArgumentException("SPS of " + first.length + " bytes is too short");
    }
    int profileIdc = first[1] & 0xFF;
    BoxWriter w = new BoxWriter(64);
    w.u8(1); // configurationVersion
    w.u8(profileIdc);
    w.u8(first[2] & 0xFF); // profile_compatibility: the constraint flags
    w.u8(first[3] & 0xFF); // AVCLevelIndication
    w.u8(0xFC | 3); // lengthSizeMinusOne: 4-byte NAL lengths
    w.u8(0xE0 | sps.size());
    for (byte[] s : sps) {
      w.u16(s.length);
      w.bytes(s);
    }
    w.u8(pps.size());
    for (byte[] p : pps) {
      w.u16(p.length);
      w.bytes(p);
    }
    if (hasChromaInfo(profileIdc)) {
      // The spec requires these for the high profiles; they repeat what the SPS says.
      RbspReader r = new RbspReader(first, 4, first.length);
      r.ue(); // seq_parameter_set_id
      long chroma = r.ue();
      if (chroma == 3) {
        r.skip(1); // separate_colour_plane_flag
      }
      long depthLuma = r.ue();
      long depthChroma = r.ue();
      if (!r.failed() && chroma >= 0 && chroma <= 3 && depthLuma >= 0 && depthLuma <= 6
          && depthChroma >= 0 && depthChroma <= 6) {
        w.u8(0xFC | (int) chroma);
        w.u8(0xF8 | (int) depthLuma);
        w.u8(0xF8 | (int) depthChroma);
        w.u8(0); // numOfSequenceParameterSetExt
      }
    }
    return w.toByteArray();
  }

  private static boolean hasChromaInfo(int profileIdc) {
    return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
  }
}
