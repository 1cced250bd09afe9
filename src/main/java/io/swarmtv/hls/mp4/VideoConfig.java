package io.swarmtv.hls.mp4;

import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.VideoFormat;
import java.util.Arrays;
import java.util.List;

/**
 * What a video sample entry needs: the parameter sets (kept out of the samples: avc1 and hvc1
 * carry them in the init segment only), the format read from the SPS, and the built avcC/hvcC.
 *
 * @param type H264 or H265
 * @param vps the VPS NAL units (H.265 only), each with its header
 * @param sps the SPS NAL units
 * @param pps the PPS NAL units
 * @param format size and codecs string from the first SPS
 * @param configurationRecord the avcC or hvcC payload
 */
record VideoConfig(StreamType type, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps,
    VideoFormat format, byte[] configurationRecord) {

  /** Builds the config, or returns null when the parameter sets are incomplete or unreadable. */
  static VideoConfig of(StreamType type, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps,
      VideoFormat format) {
    if (format == null || sps.isEmpty() || pps.isEmpty() || (type == StreamType.H265 && vps.isEmpty())) {
      return null;
    }
    byte[] record = type == StreamType.H265
        ? HevcDecoderConfigurationRecord.of(vps, sps, pps)
        : AvcDecoderConfigurationRecord.of(sps, pps);
    return record == null ? null : new VideoConfig(type, List.copyOf(vps), List.copyOf(sps),
        List.copyOf(pps), format, record);
  }

  /** 'hvc1' (what Apple requires for HEVC) or 'avc1'. */
  String sampleEntryType() {
    return type == StreamType.H265 ? "hvc1" : "avc1";
  }

  String configurationBoxType() {
    return type == StreamType.H265 ? "hvcC" : "avcC";
  }

  /** Whether {@code other} holds the same parameter sets byte for byte. */
  boolean sameParameterSets(VideoConfig other) {
    return other != null && type == other.type && same(vps, other.vps) && same(sps, other.sps)
        && same(pps, other.pps);
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
