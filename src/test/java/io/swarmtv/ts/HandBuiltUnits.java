package io.swarmtv.ts;

import static io.swarmtv.ts.NalWriter.join;

/**
 * Access units built by hand to reach syntax that x264, x265 and ffmpeg never write: SPS scaling
 * lists, POC type 1, separate colour planes, HEVC sub-layer profiles, scaling list data, short-term
 * RPS prediction, long-term refs, PCM, default display windows.
 */
final class HandBuiltUnits {
  private HandBuiltUnits() {}

  // ----- H.264

  static final byte[] AVC_AUD = new NalWriter().u(3, 0).nal(0x09);
  static final byte[] AVC_PPS = new NalWriter().ue(0).ue(0).flag(false).flag(false).nal(0x68);

  /** An IDR slice (nal_ref_idc 3): first_mb_in_slice 0, slice_type I, pps 0. */
  static byte[] avcIdrSlice() {
    return new NalWriter().ue(0).ue(7).ue(0).u(4, 0).ue(0).u(16, 0x1234).nal(0x65);
  }

  /** A non-IDR slice (nal_ref_idc 2): first_mb_in_slice 0, slice_type P. */
  static byte[] avcSlice() {
    return new NalWriter().ue(0).ue(5).ue(0).u(4, 3).u(16, 0x5678).nal(0x41);
  }

  /**
   * High, 1080i: scaling lists (explicit, fall-back-to-default and extreme deltas), POC type 1,
   * field coding with mbaff, cropping in field-pair units, a full VUI up to 29.97 fps timing.
   * Format: 1920x1080, 30000/1001, "High", avc1.640028.
   */
  static byte[] avcHighInterlacedSps() {
    NalWriter w = new NalWriter().bytes(100, 0x00, 40).ue(0)
        .ue(1).ue(0).ue(0).flag(false) // 4:2:0, 8-bit, no transform bypass
        .flag(true); // seq_scaling_matrix_present_flag
    w.flag(true);
    for (int j = 0; j < 16; j++) {
      w.se(j % 2 == 0 ? 3 : -1);
    }
    w.flag(true).se(-8); // nextScale 0 at once: use the default list
    for (int i = 2; i < 6; i++) {
      w.flag(false);
    }
    w.flag(true);
    for (int j = 0; j < 64; j++) {
      w.se(j == 1 ? -128 : j % 2 == 0 ? 127 : -127); // scale swings 8, 135, 7, 134, 7, ...
    }
    w.flag(false);
    w.ue(0) // log2_max_frame_num_minus4
        .ue(1).flag(false).se(-5).se(3).ue(3).se(1).se(-2).se(300) // POC type 1 and its cycle
        .ue(4).flag(false) // max_num_ref_frames, gaps
        .ue(119).ue(33) // 120 macroblocks by 34 field-pair map units
        .flag(false).flag(true).flag(true) // frame_mbs_only 0, mbaff, direct_8x8
        .flag(true).ue(0).ue(0).ue(0).ue(2) // crop 2 units of 4 lines at the bottom
        .flag(true) // VUI
        .flag(true).u(8, 255).u(16, 13).u(16, 11) // extended SAR
        .flag(true).flag(true) // overscan
        .flag(true).u(3, 5).flag(false).flag(true).bytes(1, 1, 1) // video signal, colour
        .flag(true).ue(1).ue(1) // chroma location
        .flag(true).u(32, 1001).u(32, 60000).flag(true) // timing
        .flag(false).flag(false).flag(false).flag(false); // hrd, vcl hrd, pic_struct, restriction
    return w.nal(0x67);
  }

  /**
   * High 4:4:4 Intra with separate colour planes (so cropping counts in single samples), twelve
   * scaling lists, POC type 2, odd crops, 25 fps timing whose 32-bit fields need emulation
   * prevention. Format: 636x362, 25, "High 4:4:4 Intra", avc1.f4101f.
   */
  static byte[] avc444Sps() {
    NalWriter w = new NalWriter().bytes(244, 0x10, 31).ue(3)
        .ue(3).flag(true) // 4:4:4, separate_colour_plane_flag
        .ue(2).ue(2).flag(true) // 10-bit, transform bypass
        .flag(true);
    for (int i = 0; i < 12; i++) {
      boolean present = i == 0 || i == 6 || i == 11;
      w.flag(present);
      if (present) {
        int size = i < 6 ? 16 : 64;
        for (int j = 0; j < size; j++) {
          w.se(i == 0 ? 0 : i == 6 ? 1 : j % 2 == 0 ? -1 : 1); // never reaching scale 0
        }
      }
    }
    w.ue(12) // log2_max_frame_num_minus4 at its maximum
        .ue(2) // POC type 2
        .ue(1).flag(false)
        .ue(39).ue(22) // 640x368
        .flag(true).flag(true) // frame_mbs_only, direct_8x8
        .flag(true).ue(3).ue(1).ue(1).ue(5)
        .flag(true) // VUI
        .flag(false).flag(false).flag(false).flag(false)
        .flag(true).u(32, 1).u(32, 50).flag(true)
        .flag(false).flag(false).flag(false).flag(false);
    return w.nal(0x67);
  }

  /** Constrained Baseline QCIF, no VUI. Format: 176x144, 0, "Constrained Baseline", avc1.42e00a. */
  static byte[] avcBaselineSps() {
    return new NalWriter().bytes(66, 0xE0, 10).ue(0)
        .ue(0) // log2_max_frame_num_minus4
        .ue(0).ue(2) // POC type 0
        .ue(1).flag(false)
        .ue(10).ue(8)
        .flag(true).flag(true)
        .flag(false) // no cropping
        .flag(false) // no VUI
        .nal(0x67);
  }

  /**
   * An SEI NAL with a long user-data message (its size coded with a 0xFF byte) and, if asked, a
   * recovery point message after it.
   */
  static byte[] avcSei(boolean recoveryPoint) {
    NalWriter w = new NalWriter().bytes(5, 255, 45); // user_data_unregistered, 300 bytes
    for (int i = 0; i < 300; i++) {
      // runs of three zeros, so the payload needs emulation-prevention bytes
      w.u(8, i < 16 ? 0xA0 + i : i % 7 < 3 ? 0 : 'x');
    }
    if (recoveryPoint) {
      w.bytes(6, 1).ue(0).flag(true).flag(false).u(2, 0).u(3, 0b100);
    }
    return w.nal(0x06);
  }

  static byte[] avcUnit(byte[] sps) {
    return join(AVC_AUD, sps, AVC_PPS, avcSei(false), avcIdrSlice());
  }

  // ----- H.265

  static final byte[] HEVC_AUD = new NalWriter().u(3, 0).nal(0x46, 0x01);
  static final byte[] HEVC_PPS = new NalWriter().ue(0).ue(0).flag(false).u(3, 0).nal(0x44, 0x01);

  /** A slice of the given nal_unit_type, first in its picture, in the base layer. */
  static byte[] hevcSlice(int type) {
    return new NalWriter().flag(true).flag(false).ue(0).u(16, 0x9ABC).nal(type << 1, 0x01);
  }

  /** The Main 10 sub-layered profile_tier_level that {@link #hevcMain10Sps} and its VPS share. */
  private static NalWriter profileTierLevel(NalWriter w) {
    w.u(2, 0).flag(true).u(5, 2) // space 0, high tier, Main 10
        .u(32, 0x20000000L) // compatible with Main 10 (flag 2)
        .u(48, 0xB000_0000_0000L) // progressive, non-packed, frame-only
        .u(8, 123); // level 4.1
    w.flag(true).flag(true).flag(false).flag(true); // sub-layer 0: profile and level; 1: level
    for (int i = 2; i < 8; i++) {
      w.u(2, 0);
    }
    w.u(2, 0).flag(false).u(5, 2).u(32, 0x20000000L).u(48, 0xB000_0000_0000L).u(8, 120);
    return w.u(8, 90);
  }

  static byte[] hevcMain10Vps() {
    NalWriter w = new NalWriter().u(4, 0).flag(true).flag(true).u(6, 0).u(3, 2).flag(true)
        .u(16, 0xFFFF);
    profileTierLevel(w).flag(true);
    for (int i = 0; i < 3; i++) {
      w.ue(4).ue(2).ue(0);
    }
    return w.u(6, 0).ue(0).flag(false).flag(false).nal(0x40, 0x01);
  }

  /**
   * Main 10, high tier, three sub-layers, a conformance window, scaling list data, PCM, three
   * short-term RPS (two predicted), long-term refs, and a VUI with extended SAR and a default
   * display window before 59.94 fps timing. Format: 1920x1080, 60000/1001, "Main 10",
   * hvc1.2.4.H123.B0.
   */
  static byte[] hevcMain10Sps() {
    NalWriter w = new NalWriter().u(4, 0).u(3, 2).flag(true);
    profileTierLevel(w)
        .ue(0) // sps id
        .ue(1) // 4:2:0
        .ue(1920).ue(1088)
        .flag(true).ue(0).ue(0).ue(0).ue(4) // conformance window: 4 chroma rows = 8 lines
        .ue(2).ue(2) // 10-bit
        .ue(4) // 8-bit POC LSB
        .flag(true);
    for (int i = 0; i < 3; i++) {
      w.ue(4).ue(2).ue(0);
    }
    w.ue(0).ue(3).ue(0).ue(3).ue(1).ue(1);
    w.flag(true).flag(true); // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
    for (int sizeId = 0; sizeId < 4; sizeId++) {
      for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
        if (matrixId % 2 == 0) {
          w.flag(false).ue(0); // copy of the default/reference list
        } else {
          w.flag(true);
          if (sizeId > 1) {
            w.se(-7);
          }
          int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
          for (int i = 0; i < coefNum; i++) {
            w.se(i % 3 - 1);
          }
        }
      }
    }
    w.flag(true).flag(true) // amp, sao
        .flag(true).u(4, 7).u(4, 7).ue(0).ue(1).flag(false) // PCM
        .ue(3);
    // set 0: two negative, one positive picture
    w.ue(2).ue(1).ue(0).flag(true).ue(1).flag(true).ue(0).flag(true);
    // set 1, predicted from set 0 {-1, -3, +1} with deltaRps +1: -1 lands on 0 and drops out
    // though flagged used, -3 -> -2 kept, +1 -> +2 kept by use_delta, deltaRps itself dropped;
    // so set 1 is {-2, +2} (ffmpeg's decoder would count the 0 too, the spec and CBS do not)
    w.flag(true).flag(false).ue(0)
        .flag(true).flag(true).flag(false).flag(true).flag(false).flag(false);
    // set 2, predicted from set 1 with deltaRps -2: 3 entries
    w.flag(true).flag(true).ue(1)
        .flag(true).flag(false).flag(false).flag(true);
    w.flag(true).ue(2).u(8, 17).flag(true).u(8, 200).flag(false) // long-term refs
        .flag(true).flag(true) // temporal MVP, strong intra smoothing
        .flag(true) // VUI
        .flag(true).u(8, 255).u(16, 4).u(16, 3)
        .flag(true).flag(false)
        .flag(true).u(3, 5).flag(true).flag(true).bytes(9, 16, 9)
        .flag(true).ue(2).ue(2)
        .flag(false).flag(false).flag(false)
        .flag(true).ue(0).ue(0).ue(0).ue(0) // default display window
        .flag(true).u(32, 1001).u(32, 60000).flag(false).flag(false) // timing, no POC/HRD
        .flag(false) // bitstream restriction
        .flag(false); // sps_extension_present_flag
    return w.nal(0x42, 0x01);
  }

  /**
   * Rext 4:2:2 (conformance window in 2x1 units), profile space 1, no sub-layers, no scaling
   * lists, 50 fps timing needing emulation prevention. Format: 1276x719, 50, "Rext",
   * hvc1.A4.10.L93.98.8.
   */
  static byte[] hevc422Sps() {
    return new NalWriter().u(4, 0).u(3, 0).flag(true)
        .u(2, 1).flag(false).u(5, 4).u(32, 0x08000000L).u(48, 0x9808_0000_0000L).u(8, 93)
        .ue(0).ue(2).ue(1280).ue(720)
        .flag(true).ue(1).ue(1).ue(0).ue(1) // 2 columns each side, 1 row at the bottom
        .ue(0).ue(0).ue(4).flag(false).ue(1).ue(0).ue(0)
        .ue(0).ue(3).ue(0).ue(3).ue(1).ue(1)
        .flag(false) // no scaling lists
        .flag(false).flag(true).flag(false)
        .ue(0) // no short-term RPS in the SPS
        .flag(false).flag(true).flag(true)
        .flag(true) // VUI
        .flag(false).flag(false).flag(false).flag(false).flag(false).flag(false).flag(false)
        .flag(false)
        .flag(true).u(32, 1).u(32, 50).flag(false).flag(false)
        .flag(false).flag(false)
        .nal(0x42, 0x01);
  }

  static byte[] hevcUnit(byte[] vps, byte[] sps, int sliceType) {
    return join(HEVC_AUD, vps, sps, HEVC_PPS, hevcSlice(sliceType));
  }

  // ----- MPEG-2

  /**
   * Sequence header with an intra quantiser matrix, sequence extension, GOP and an I picture:
   * 1920x1080 Main, 30000/1001.
   */
  static byte[] mpeg2Unit(int pictureCodingType) {
    NalWriter w = new NalWriter();
    w.bytes(0, 0, 1, 0xB3).u(12, 1920).u(12, 1080).u(4, 3).u(4, 4)
        .u(18, 20000).flag(true).u(10, 112).flag(false).flag(true);
    for (int i = 0; i < 64; i++) {
      w.u(8, 8 + i);
    }
    w.flag(false);
    w.bytes(0, 0, 1, 0xB5).u(4, 1).u(8, 0x48).flag(true).u(2, 1).u(2, 0).u(2, 0)
        .u(12, 0).flag(true).u(8, 0).flag(false).u(2, 0).u(5, 0)
        .bytes(0, 0, 1, 0xB8).u(25, 0).flag(true).flag(false).u(5, 0)
        .bytes(0, 0, 1, 0x00).u(10, 0).u(3, pictureCodingType).u(16, 0xFFFF).u(3, 0)
        .bytes(0, 0, 1, 0x01).bytes(0x12, 0x34, 0x56);
    return w.raw();
  }
}
