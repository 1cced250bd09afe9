package io.swarmtv.ts;

/**
 * The fixed and optional header of a PES packet (ISO/IEC 13818-1, 2.4.3.6).
 *
 * @param streamId the PES stream_id (0xE0.. video, 0xC0.. audio, 0xBD private 1)
 * @param packetLength the PES_packet_length field; 0 means unbounded (video)
 * @param headerLength bytes from the start code to the elementary-stream payload
 * @param pts presentation time, 90 kHz, or -1
 * @param dts decoding time, 90 kHz; equals pts when the header carries none, -1 without pts
 */
public record PesHeader(int streamId, int packetLength, int headerLength, long pts, long dts) {

  /** Shortest header: start code prefix, stream id, packet length. */
  public static final int MIN_LENGTH = 6;

  /**
   * Parses a PES header at {@code b[off]}, or returns null when the bytes do not start one or it
   * does not fit in {@code len} bytes (a PES header must sit in the packet that starts it).
   */
  public static PesHeader parse(byte[] b, int off, int len) {
    if (len < MIN_LENGTH || b[off] != 0 || b[off + 1] != 0 || b[off + 2] != 1) {
      return null;
    }
    int streamId = b[off + 3] & 0xFF;
    int packetLength = ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
    if (!hasOptionalHeader(streamId)) {
      return new PesHeader(streamId, packetLength, MIN_LENGTH, -1, -1);
    }
    if (len < 9 || (b[off + 6] & 0xC0) != 0x80) {
      return null;
    }
    int ptsDtsFlags = (b[off + 7] & 0xC0) >>> 6;
    int headerLength = 9 + (b[off + 8] & 0xFF);
    if (headerLength > len) {
      return null;
    }
    long pts = -1;
    long dts = -1;
    if (ptsDtsFlags >= 2 && headerLength >= 14) {
      pts = readTimestamp(b, off + 9);
      dts = pts;
      if (ptsDtsFlags == 3 && headerLength >= 19) {
        dts = readTimestamp(b, off + 14);
      }
    }
    return new PesHeader(streamId, packetLength, headerLength, pts, dts);
  }

  /** Whether PES packets of this stream id carry the optional header with flags and timestamps. */
  static boolean hasOptionalHeader(int streamId) {
    return switch (streamId) {
      case 0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF -> false;
      default -> true;
    };
  }

  /**
   * Adds {@code offset} ticks to the PTS and DTS of the PES header at {@code b[off]} in place.
   * Returns false, changing nothing, when no valid header with timestamps is there.
   */
  public static boolean shiftTimestamps(byte[] b, int off, int len, long offset) {
    // The checks of parse() without its record: a looping stream shifts every PES it sends, and
    // the allocation was not optimised away.
    if (len < 9 || b[off] != 0 || b[off + 1] != 0 || b[off + 2] != 1
        || !hasOptionalHeader(b[off + 3] & 0xFF) || (b[off + 6] & 0xC0) != 0x80) {
      return false;
    }
    int ptsDtsFlags = (b[off + 7] & 0xC0) >>> 6;
    int headerLength = 9 + (b[off + 8] & 0xFF);
    if (headerLength > len || ptsDtsFlags < 2 || headerLength < 14) {
      return false;
    }
    writeTimestamp(b, off + 9, Timestamps.add(readTimestamp(b, off + 9), offset));
    if (ptsDtsFlags == 3 && headerLength >= 19) {
      writeTimestamp(b, off + 14, Timestamps.add(readTimestamp(b, off + 14), offset));
    }
    return true;
  }

  private static long readTimestamp(byte[] b, int p) {
    return ((b[p] & 0x0EL) << 29)
        | ((b[p + 1] & 0xFFL) << 22)
        | ((b[p + 2] & 0xFEL) << 14)
        | ((b[p + 3] & 0xFFL) << 7)
        | ((b[p + 4] & 0xFEL) >>> 1);
  }

  private static void writeTimestamp(byte[] b, int p, long ts) {
    // Keep the 4-bit prefix ('0010'/'0011'/'0001') and the marker bits as they were.
    b[p] = (byte) ((b[p] & 0xF1) | ((ts >>> 29) & 0x0E));
    b[p + 1] = (byte) (ts >>> 22);
    b[p + 2] = (byte) (((ts >>> 14) & 0xFE) | 1);
    b[p + 3] = (byte) (ts >>> 7);
    b[p + 4] = (byte) (((ts << 1) & 0xFE) | 1);
  }
}
