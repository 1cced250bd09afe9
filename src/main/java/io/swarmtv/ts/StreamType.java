package io.swarmtv.ts;

/** The kind of an elementary stream, from its PMT stream_type and descriptors. */
public enum StreamType {
  H264("h264", Kind.VIDEO),
  H265("hevc", Kind.VIDEO),
  MPEG2_VIDEO("mpeg2video", Kind.VIDEO),
  MPEG1_VIDEO("mpeg1video", Kind.VIDEO),
  AAC("aac", Kind.AUDIO),
  AAC_LATM("aac_latm", Kind.AUDIO),
  AC3("ac3", Kind.AUDIO),
  EAC3("eac3", Kind.AUDIO),
  MPEG_AUDIO("mp2", Kind.AUDIO),
  /** Subtitles, teletext, SCTE-35, metadata: carried through untouched. */
  DATA("data", Kind.DATA),
  OTHER("unknown", Kind.DATA);

  /** What a stream carries. */
  public enum Kind { VIDEO, AUDIO, DATA }

  private final String codec;
  private final Kind kind;

  StreamType(String codec, Kind kind) {
    this.codec = codec;
    this.kind = kind;
  }

  /** The codec name as ffprobe spells it. */
  public String codec() {
    return codec;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isVideo() {
    return kind == Kind.VIDEO;
  }

  public boolean isAudio() {
    return kind == Kind.AUDIO;
  }

  /**
   * Maps a PMT stream_type, refined by the registration or codec descriptor tags found in the
   * stream's ES_info (DVB carries AC-3 as private data with descriptor 0x6A, E-AC-3 with 0x7A).
   */
  public static StreamType of(int streamType, int[] descriptorTags) {
    switch (streamType) {
      case 0x01: return MPEG1_VIDEO;
      case 0x02: return MPEG2_VIDEO;
      case 0x03: case 0x04: return MPEG_AUDIO;
      case 0x0F: return AAC;
      case 0x11: return AAC_LATM;
      case 0x1B: return H264;
      case 0x24: return H265;
      case 0x81: return AC3;
      case 0x87: return EAC3;
      case 0x06:
        for (int tag : descriptorTags) {
          if (tag == 0x6A) return AC3;
          if (tag == 0x7A) return EAC3;
        }
        return DATA;
      case 0x05: case 0x0D: case 0x15: case 0x86: return DATA;
      default: return OTHER;
    }
  }
}
