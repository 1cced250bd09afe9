package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link BufferMap} in fewer bytes, for the announcements peers send each other ten times a
 * second: its base is given as the distance from the base of the previous buffer map (full or
 * delta) sent on the same connection, and its span in one byte. An extension message, sent only
 * to peers whose handshake has {@link Capabilities#COMPACT_MAPS}; older peers get full maps.
 *
 * @param baseDelta this map's base minus the previous map's base, 0 to 65535
 * @param span how many sequences it covers, 0 to {@value #MAX_SPAN}
 * @param bits {@code ceil(span / 8)} bytes, as in {@link BufferMap}
 */
public record BufferMapDelta(int baseDelta, int span, byte[] bits) implements PeerMessage {
  public static final int MAX_DELTA = 0xFFFF;
  public static final int MAX_SPAN = 0xFF;
  /** Delta (2), span (1), bits. */
  public static final int MAX_BODY_LENGTH = 2 + 1 + (MAX_SPAN + 7) / 8;

  /** @throws IllegalArgumentException if a field is out of bounds or a bit past the span is set */
  public BufferMapDelta {
    if (baseDelta < 0 || baseDelta > MAX_DELTA) {
      throw new IllegalArgumentException("base delta " + baseDelta + " is not 0.." + MAX_DELTA);
    }
    if (span < 0 || span > MAX_SPAN) {
      throw new IllegalArgumentException("span " + span + " is not 0.." + MAX_SPAN);
    }
    // The full map's checks on the bits: their length, nothing set past the span.
    new BufferMap(0, span, bits);
    bits = bits.clone();
  }

  /**
   * {@code map} as a delta from a previous base, or null when it cannot be one (it starts before
   * the previous base or too far after it, or spans too much).
   */
  public static BufferMapDelta of(BufferMap map, long previousBase) {
    long delta = map.baseSequence() - previousBase;
    if (previousBase < 0 || delta < 0 || delta > MAX_DELTA || map.span() > MAX_SPAN) {
      return null;
    }
    return new BufferMapDelta((int) delta, map.span(), map.bits());
  }

  /**
   * The full map this delta stands for after a map with base {@code previousBase}.
   *
   * @throws IllegalArgumentException if the window would overflow
   */
  public BufferMap resolve(long previousBase) {
    return new BufferMap(previousBase + baseDelta, span, bits);
  }

  @Override
  public byte[] bits() {
    return bits.clone();
  }

  @Override
  public MessageType type() {
    return MessageType.BUFFER_MAP_DELTA;
  }

  @Override
  public int bodyLength() {
    return 2 + 1 + bits.length;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.putShort((short) baseDelta).put((byte) span).put(bits);
  }

  /** Decodes a buffer-map-delta body; see {@link MessageType#decodeBody}. */
  public static BufferMapDelta decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.BUFFER_MAP_DELTA, body);
    int delta = r.getUnsignedShort("base delta");
    int span = r.getUnsignedByte("span");
    byte[] bits = r.getBytes("bits", (span + 7) >>> 3);
    r.finish();
    try {
      return new BufferMapDelta(delta, span, bits);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferMapDelta d && baseDelta == d.baseDelta && span == d.span && Arrays.equals(bits, d.bits);
  }

  @Override
  public int hashCode() {
    return baseDelta * 31 + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BufferMapDelta[delta=" + baseDelta + ", span=" + span + "]";
  }
}
