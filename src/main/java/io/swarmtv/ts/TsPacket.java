package io.swarmtv.ts;

/**
 * Field access on 188-byte MPEG-TS packets in place (ISO/IEC 13818-1, 2.4.3).
 *
 * <p>Static methods over {@code (buffer, offset)} rather than an object per packet: ingest reads
 * hundreds of thousands of packets a second and none of them should cost an allocation.
 */
public final class TsPacket {
  public static final int SIZE = 188;
  public static final int SYNC = 0x47;
  public static final int NULL_PID = 0x1FFF;
  public static final int PAT_PID = 0;
  /** 27 MHz PCR ticks per 90 kHz PTS tick. */
  public static final int PCR_PER_PTS = 300;

  private TsPacket() {}

  public static boolean hasSync(byte[] b, int off) {
    return (b[off] & 0xFF) == SYNC;
  }

  public static boolean transportError(byte[] b, int off) {
    return (b[off + 1] & 0x80) != 0;
  }

  public static boolean payloadUnitStart(byte[] b, int off) {
    return (b[off + 1] & 0x40) != 0;
  }

  public static int pid(byte[] b, int off) {
    return ((b[off + 1] & 0x1F) << 8) | (b[off + 2] & 0xFF);
  }

  public static int continuityCounter(byte[] b, int off) {
    return b[off + 3] & 0x0F;
  }

  public static void setContinuityCounter(byte[] b, int off, int cc) {
    b[off + 3] = (byte) ((b[off + 3] & 0xF0) | (cc & 0x0F));
  }

  public static boolean hasPayload(byte[] b, int off) {
    return (b[off + 3] & 0x10) != 0;
  }

  public static boolean hasAdaptationField(byte[] b, int off) {
    return (b[off + 3] & 0x20) != 0;
  }

  /** Length of the adaptation field after its length byte, or -1 when the packet has none. */
  public static int adaptationFieldLength(byte[] b, int off) {
    return hasAdaptationField(b, off) ? b[off + 4] & 0xFF : -1;
  }

  /**
   * Offset of the payload within the packet (4..188), or {@link #SIZE} when the packet carries
   * no payload or its adaptation field claims more bytes than the packet has.
   */
  public static int payloadOffset(byte[] b, int off) {
    if (!hasPayload(b, off)) {
      return SIZE;
    }
    if (!hasAdaptationField(b, off)) {
      return 4;
    }
    int start = 5 + (b[off + 4] & 0xFF);
    return start > SIZE ? SIZE : start;
  }

  private static int adaptationFlags(byte[] b, int off) {
    return adaptationFieldLength(b, off) > 0 ? b[off + 5] & 0xFF : 0;
  }

  public static boolean discontinuityIndicator(byte[] b, int off) {
    return (adaptationFlags(b, off) & 0x80) != 0;
  }

  public static boolean randomAccessIndicator(byte[] b, int off) {
    return (adaptationFlags(b, off) & 0x40) != 0;
  }

  private static boolean hasPcr(byte[] b, int off) {
    return adaptationFieldLength(b, off) >= 7 && (b[off + 5] & 0x10) != 0;
  }

  /** The program clock reference in 27 MHz ticks, or -1 when the packet carries none. */
  public static long pcr(byte[] b, int off) {
    if (!hasPcr(b, off)) {
      return -1;
    }
    int p = off + 6;
    long base = ((b[p] & 0xFFL) << 25)
        | ((b[p + 1] & 0xFFL) << 17)
        | ((b[p + 2] & 0xFFL) << 9)
        | ((b[p + 3] & 0xFFL) << 1)
        | ((b[p + 4] & 0x80L) >>> 7);
    long ext = ((b[p + 4] & 0x01L) << 8) | (b[p + 5] & 0xFFL);
    return base * PCR_PER_PTS + ext;
  }

  /** Rewrites the PCR of a packet that carries one; the value wraps at 2^33 PTS ticks. */
  public static void setPcr(byte[] b, int off, long pcr27) {
    if (!hasPcr(b, off)) {
      throw new IllegalArgumentException("packet carries no PCR");
    }
    long base = Math.floorMod(pcr27 / PCR_PER_PTS, Timestamps.PTS_MODULUS);
    long ext = Math.floorMod(pcr27, PCR_PER_PTS);
    int p = off + 6;
    b[p] = (byte) (base >>> 25);
    b[p + 1] = (byte) (base >>> 17);
    b[p + 2] = (byte) (base >>> 9);
    b[p + 3] = (byte) (base >>> 1);
    b[p + 4] = (byte) (((base & 1) << 7) | 0x7E | ((ext >>> 8) & 1));
    b[p + 5] = (byte) ext;
  }
}
