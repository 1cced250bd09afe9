package io.swarmtv.ts;

import java.util.Locale;

/**
 * Tells from the head of a video access unit whether a decoder can start there, and its format.
 *
 * <p>Called once per frame at ingest, so it stops at the first picture or slice header and only
 * allocates when a sequence header is present. It never throws: anything it cannot make sense of
 * comes back unresolved or without a format.
 */
public final class AccessUnitInspector {
  private static final AccessUnitInfo UNRESOLVED = new AccessUnitInfo(false, false, null);
  private static final AccessUnitInfo UNRESOLVED_KEY = new AccessUnitInfo(false, true, null);
  private static final AccessUnitInfo DELTA = new AccessUnitInfo(true, false, null);
  private static final AccessUnitInfo KEY = new AccessUnitInfo(true, true, null);

  // H.264 nal_unit_type values (Table 7-1)
  private static final int AVC_IDR = 5;
  private static final int AVC_SEI = 6;
  private static final int AVC_SPS = 7;
  private static final int SEI_RECOVERY_POINT = 6;

  // H.265 nal_unit_type values (Table 7-1)
  private static final int HEVC_BLA_W_LP = 16;
  private static final int HEVC_CRA = 21;
  private static final int HEVC_LAST_VCL = 31;
  private static final int HEVC_VPS = 32;
  private static final int HEVC_SPS = 33;

  // MPEG-1/2 start code values
  private static final int PICTURE = 0x00;
  private static final int SEQUENCE_HEADER = 0xB3;
  private static final int EXTENSION = 0xB5;
  private static final int GROUP_OF_PICTURES = 0xB8;
  private static final int SEQUENCE_EXTENSION_ID = 1;
  private static final int I_PICTURE = 1;
  private static final int D_PICTURE = 4;
  /** Frames per second by frame_rate_code; 0 for the forbidden and reserved codes. */
  private static final double[] MPEG_FRAME_RATES = {
    0, 24000 / 1001.0, 24, 25, 30000 / 1001.0, 30, 50, 60000 / 1001.0, 60, 0, 0, 0, 0, 0, 0, 0
  };

  private AccessUnitInspector() {}

  /**
   * Inspects es[off, off+len) of a stream of the given type (StreamType.H264, H265, MPEG2_VIDEO,
   * MPEG1_VIDEO); other types, and bounds outside es, give an unresolved answer.
   */
  public static AccessUnitInfo inspect(StreamType type, byte[] es, int off, int len) {
    if (type == null || es == null || off < 0 || len <= 0 || off >= es.length) {
      return UNRESOLVED;
    }
    int end = len > es.length - off ? es.length : off + len;
    switch (type) {
      case H264: return inspectAvc(es, off, end);
      case H265: return inspectHevc(es, off, end);
      case MPEG2_VIDEO: case MPEG1_VIDEO: return inspectMpegVideo(type, es, off, end);
      default: return UNRESOLVED;
    }
  }

  /**
   * Index of the next 00 00 01 prefix at or after from whose three bytes lie before end, or -1.
   * Looks at every third byte first: one that is neither 0 nor 1 rules out three positions.
   */
  public static int nextStartCode(byte[] b, int from, int end) {
    int i = from;
    int last = end - 3; // a start code at i needs b[i..i+2]
    while (i <= last) {
      byte c = b[i + 2];
      if (c == 0) {
        i++;
      } else if (c == 1) {
        if (b[i] == 0 && b[i + 1] == 0) {
          return i;
        }
        i += 3;
      } else {
        i += 3;
      }
    }
    return -1;
  }

  private static AccessUnitInfo inspectAvc(byte[] es, int off, int end) {
    VideoFormat format = null;
    boolean recoveryPoint = false;
    boolean sequenceStart = false;
    int sc = nextStartCode(es, off, end);
    while (sc >= 0) {
      int header = sc + 3;
      if (header >= end) {
        break;
      }
      int h = es[header];
      int type = h & 0x1F;
      boolean damaged = (h & 0x80) != 0; // forbidden_zero_bit
      if (!damaged && type >= 1 && type <= AVC_IDR) {
        // Every slice of a picture shares its IDR-ness, so the first one decides.
        return result(true, type == AVC_IDR || recoveryPoint, format);
      }
      int next = nextStartCode(es, header + 1, end);
      int nalEnd = next < 0 ? end : next;
      if (!damaged) {
        if (type == AVC_SPS && format == null) {
          format = AvcSps.parse(es, header + 1, nalEnd);
          sequenceStart = true;
        } else if (type == AVC_SEI && !recoveryPoint) {
          recoveryPoint = hasRecoveryPoint(es, header + 1, nalEnd);
        }
      }
      sc = next;
    }
    return result(false, recoveryPoint || sequenceStart, format);
  }

  /**
   * Whether an H.264 SEI NAL payload holds a recovery point message (7.3.2.3.1). SEI comes with
   * most frames (captions, picture timing), so this walks the message headers in place, dropping
   * emulation-prevention bytes as it goes, rather than allocating a bit reader.
   */
  private static boolean hasRecoveryPoint(byte[] es, int from, int end) {
    int zeros = 0;
    long payloadType = 0;
    long payloadSize = 0;
    long skip = 0;
    boolean readingType = true;
    for (int p = from; p < end; p++) {
      int v = es[p] & 0xFF;
      if (v == 3 && zeros >= 2) {
        zeros = 0;
        continue;
      }
      zeros = v == 0 ? zeros + 1 : 0;
      if (skip > 0) {
        skip--;
      } else if (readingType) {
        payloadType += v;
        readingType = v == 0xFF; // an ff_byte continues the type; any other byte ends it
      } else {
        payloadSize += v;
        if (v != 0xFF) {
          if (payloadType == SEI_RECOVERY_POINT) {
            return true;
          }
          skip = payloadSize;
          payloadType = 0;
          payloadSize = 0;
          readingType = true;
        }
      }
    }
    // A well-formed SEI ends here too: its stop byte 0x80 was read as the start of a type.
    return false;
  }

  private static AccessUnitInfo inspectHevc(byte[] es, int off, int end) {
    VideoFormat format = null;
    boolean sequenceStart = false;
    int sc = nextStartCode(es, off, end);
    while (sc >= 0) {
      int header = sc + 3;
      if (header + 1 >= end) {
        break;
      }
      int h0 = es[header];
      int h1 = es[header + 1];
      int type = (h0 >> 1) & 0x3F;
      int layerId = ((h0 & 1) << 5) | ((h1 >> 3) & 0x1F);
      // forbidden_zero_bit set or nuh_temporal_id_plus1 zero mean this is not a NAL header;
      // enhancement layers cannot tell whether the base layer can start here.
      boolean usable = (h0 & 0x80) == 0 && (h1 & 7) != 0 && layerId == 0;
      if (usable && type <= HEVC_LAST_VCL) {
        // The first slice decides: every VCL NAL of a picture has the same type.
        return result(true, type >= HEVC_BLA_W_LP && type <= HEVC_CRA, format);
      }
      int next = nextStartCode(es, header + 2, end);
      if (usable) {
        if (type == HEVC_SPS && format == null) {
          format = HevcSps.parse(es, header + 2, next < 0 ? end : next);
          sequenceStart = true;
        } else if (type == HEVC_VPS) {
          sequenceStart = true;
        }
      }
      sc = next;
    }
    return result(false, sequenceStart, format);
  }

  private static AccessUnitInfo inspectMpegVideo(StreamType type, byte[] es, int off, int end) {
    boolean sequenceHeader = false;
    boolean groupOfPictures = false;
    int seqAt = -1;
    int extAt = -1;
    // Whether the start code after the sequence header was seen: only then is it known whether a
    // sequence extension (MPEG-2) follows or not (MPEG-1).
    boolean extensionKnown = false;
    int sc = nextStartCode(es, off, end);
    while (sc >= 0) {
      int codeAt = sc + 3;
      if (codeAt >= end) {
        break;
      }
      int code = es[codeAt] & 0xFF;
      int body = codeAt + 1;
      if (seqAt >= 0 && !extensionKnown) {
        if (code == EXTENSION) {
          if (body >= end) {
            break; // extension_start_code_identifier not in these bytes
          }
          if (((es[body] & 0xFF) >> 4) == SEQUENCE_EXTENSION_ID) {
            extAt = body;
          }
        }
        extensionKnown = true;
      }
      if (code == PICTURE) {
        if (body + 1 >= end) {
          break; // picture_coding_type not in these bytes
        }
        int codingType = (es[body + 1] >> 3) & 7;
        boolean intra = codingType == I_PICTURE
            || (codingType == D_PICTURE && type == StreamType.MPEG1_VIDEO);
        return result(true, intra, mpegFormat(type, es, seqAt, extensionKnown, extAt, end));
      } else if (code == SEQUENCE_HEADER) {
        if (seqAt < 0) {
          seqAt = body;
        }
        sequenceHeader = true;
      } else if (code == GROUP_OF_PICTURES) {
        groupOfPictures = true;
      }
      sc = nextStartCode(es, body, end);
    }
    return result(false, sequenceHeader || groupOfPictures,
        mpegFormat(type, es, seqAt, extensionKnown, extAt, end));
  }

  private static VideoFormat mpegFormat(StreamType type, byte[] es, int seqAt,
      boolean extensionKnown, int extAt, int end) {
    if (seqAt < 0 || seqAt + 4 > end || !extensionKnown || (extAt >= 0 && extAt + 6 > end)) {
      return null;
    }
    int width = ((es[seqAt] & 0xFF) << 4) | ((es[seqAt + 1] & 0xFF) >> 4);
    int height = ((es[seqAt + 1] & 0x0F) << 8) | (es[seqAt + 2] & 0xFF);
    int frameRateCode = es[seqAt + 3] & 0x0F;
    double frameRate = MPEG_FRAME_RATES[frameRateCode];
    String profile = null;
    String codecs = "mp4v.6A"; // ISO/IEC 11172-2 object type, for MPEG-1 syntax
    if (extAt >= 0) {
      int profileAndLevel = ((es[extAt] & 0x0F) << 4) | ((es[extAt + 1] & 0xFF) >> 4);
      width |= ((es[extAt + 1] & 0x01) << 13) | ((es[extAt + 2] & 0x80) << 5);
      height |= (es[extAt + 2] & 0x60) << 7;
      int rateN = (es[extAt + 5] >> 5) & 3;
      int rateD = es[extAt + 5] & 0x1F;
      frameRate = frameRate * (rateN + 1) / (rateD + 1);
      int objectType = mpeg2ObjectType(profileAndLevel);
      profile = mpeg2ProfileName(profileAndLevel);
      codecs = "mp4v." + Integer.toHexString(objectType).toUpperCase(Locale.ROOT);
    }
    if (width == 0 || height == 0) {
      return null;
    }
    return new VideoFormat(type, width, height, frameRate, profile, codecs);
  }

  private static int mpeg2ObjectType(int profileAndLevel) {
    if (profileAndLevel == 0x82 || profileAndLevel == 0x85) {
      return 0x65; // 4:2:2 profile
    }
    switch ((profileAndLevel >> 4) & 7) {
      case 1: return 0x64; // High
      case 2: return 0x63; // Spatially Scalable
      case 3: return 0x62; // SNR Scalable
      case 5: return 0x60; // Simple
      default: return 0x61; // Main, also for anything unusual
    }
  }

  private static String mpeg2ProfileName(int profileAndLevel) {
    if ((profileAndLevel & 0x80) != 0) {
      return profileAndLevel == 0x82 || profileAndLevel == 0x85 ? "4:2:2" : null;
    }
    switch ((profileAndLevel >> 4) & 7) {
      case 1: return "High";
      case 2: return "Spatially Scalable";
      case 3: return "SNR Scalable";
      case 4: return "Main";
      case 5: return "Simple";
      default: return null;
    }
  }

  private static AccessUnitInfo result(boolean resolved, boolean randomAccess, VideoFormat format) {
    if (format != null) {
      return new AccessUnitInfo(resolved, randomAccess, format);
    }
    if (resolved) {
      return randomAccess ? KEY : DELTA;
    }
    return randomAccess ? UNRESOLVED_KEY : UNRESOLVED;
  }
}
