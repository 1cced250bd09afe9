package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Which chunks the sender holds in a window of sequences: bit {@code i} stands for sequence
 * {@code baseSequence + i}, most significant bit of each byte first (as in BitTorrent).
 * Sent after the handshake; {@link Have} keeps it current afterwards.
 *
 * @param baseSequence the first sequence of the window, ≥ 0
 * @param span how many sequences the window covers, 0 to {@value #MAX_SPAN}
 * @param bits {@code ceil(span / 8)} bytes; the unused low bits of the last byte are zero
 */
public record BufferMap(long baseSequence, int span, byte[] bits) implements PeerMessage {
  /** Widest window: at 30 chunks a second, over two minutes. */
  public static final int MAX_SPAN = 4096;
  /** Base (8), span (2), bits. */
  public static final int MAX_BODY_LENGTH = 8 + 2 + MAX_SPAN / 8;

  /**
   * Copies {@code bits}.
   *
   * @throws IllegalArgumentException if a field is out of bounds, {@code bits} has the wrong
   *     length or a bit past the span is set
   */
  public BufferMap {
    if (baseSequence < 0) {
      throw new IllegalArgumentException("base sequence " + baseSequence + " is negative");
    }
    if (span < 0 || span > MAX_SPAN) {
      throw new IllegalArgumentException("span " + span + " is not 0.." + MAX_SPAN);
    }
    if (baseSequence > Long.MAX_VALUE - span) {
      throw new IllegalArgumentException(
          "window of " + span + " from base sequence " + baseSequence + " overflows");
    }
    if (bits.length != byteCount(span)) {
      throw new IllegalArgumentException("a span of " + span + " needs " + byteCount(span)
          + " bytes of bits, got " + bits.length);
    }
    int spare = bits.length * 8 - span;
    if (spare > 0 && (bits[bits.length - 1] & ((1 << spare) - 1)) != 0) {
      throw new IllegalArgumentException(
          "bits set past the span of " + span + " in the last byte 0x"
              + Integer.toHexString(bits[bits.length - 1] & 0xFF));
    }
    bits = bits.clone();
  }

  /** The map of the {@code span} sequences from {@code baseSequence} that {@code holds} accepts. */
  public static BufferMap of(long baseSequence, int span, LongPredicate holds) {
    byte[] bits = new byte[byteCount(Math.max(0, Math.min(span, MAX_SPAN)))];
    for (int i = 0; i < span && i < MAX_SPAN; i++) {
      if (holds.test(baseSequence + i)) {
        bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return new BufferMap(baseSequence, span, bits);
  }

  /** The bits (a copy). */
  @Override
  public byte[] bits() {
    return bits.clone();
  }

  /** Whether the sender holds {@code sequence}; false outside the window. */
  public boolean holds(long sequence) {
    if (sequence < baseSequence || sequence - baseSequence >= span) {
      return false;
    }
    int i = (int) (sequence - baseSequence);
    return (bits[i >>> 3] & (0x80 >>> (i & 7))) != 0;
  }

  /** The sequences the sender holds, ascending. */
  public LongStream sequences() {
    return IntStream.range(0, span)
        .filter(i -> (bits[i >>> 3] & (0x80 >>> (i & 7))) != 0)
        .mapToLong(i -> baseSequence + i);
  }

  /** How many sequences the sender holds. */
  public int count() {
    int count = 0;
    for (byte b : bits) {
      count += Integer.bitCount(b & 0xFF);
    }
    return count;
  }

  @Override
  public MessageType type() {
    return MessageType.BUFFER_MAP;
  }

  @Override
  public int bodyLength() {
    return 8 + 2 + bits.length;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.putLong(baseSequence).putShort((short) span).put(bits);
  }

  /** Decodes a buffer-map body; see {@link MessageType#decodeBody}. */
  public static BufferMap decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.BUFFER_MAP, body);
    long base = r.getLong("base sequence");
    int span = r.getUnsignedShort("span");
    r.checkCount("span", span, MAX_SPAN);
    byte[] bits = r.getBytes("bits", byteCount(span));
    r.finish();
    try {
      return new BufferMap(base, span, bits);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }

  private static int byteCount(int span) {
    return (span + 7) >>> 3;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferMap m
        && baseSequence == m.baseSequence && span == m.span && Arrays.equals(bits, m.bits);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(baseSequence) * 31 + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BufferMap[base=" + baseSequence + ", span=" + span + ", held=" + count() + "]";
  }
}
