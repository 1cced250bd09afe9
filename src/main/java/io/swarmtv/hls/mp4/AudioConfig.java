package io.swarmtv.hls.mp4;

/**
 * An AAC stream's format as its ADTS headers give it.
 *
 * @param objectType MPEG-4 audio object type (2 for AAC-LC)
 * @param frequencyIndex the sampling_frequency_index
 * @param sampleRate samples per second; also the track's timescale
 * @param channelConfig the channel_configuration (0: defined in the stream)
 */
record AudioConfig(int objectType, int frequencyIndex, int sampleRate, int channelConfig) {
  private static final int[] RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  /** Samples per AAC frame: ADTS carries 1024-sample frames of the core coder. */
  static final int FRAME_SAMPLES = 1024;

  /** The rate for a sampling_frequency_index, or 0 for the reserved values. */
  static int rate(int frequencyIndex) {
    return frequencyIndex < RATES.length ? RATES[frequencyIndex] : 0;
  }

  /** The two-byte AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1). */
  byte[] audioSpecificConfig() {
    int v = (objectType << 11) | (frequencyIndex << 7) | (channelConfig << 3);
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  /** The RFC 6381 codecs string, e.g. "mp4a.40.2". */
  String codecs() {
    return "mp4a.40." + objectType;
  }

  /** Channels for the sample entry; stereo when the stream defines its own layout. */
  int channelCount() {
    return switch (channelConfig) {
      case 0 -> 2;
      case 7 -> 8;
      default -> channelConfig;
    };
  }
}
