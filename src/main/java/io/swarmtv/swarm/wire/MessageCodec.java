package io.swarmtv.swarm.wire;

import io.swarmtv.channel.ChunkCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames: a uint32 length (of the type byte and body), the type byte, the body. Encodes any
 * {@link PeerMessage} and decodes whole frames from a buffer; {@link PeerMessageDecoder} does
 * the same on a Netty stream with the same checks.
 */
public final class MessageCodec {
  /** Bytes of the length field. */
  public static final int LENGTH_FIELD_LENGTH = 4;
  /** Bytes before the body: length field and type byte. */
  public static final int HEADER_LENGTH = LENGTH_FIELD_LENGTH + 1;
  /**
   * Largest value of the length field: a type byte and the largest chunk message. Nothing else
   * comes near it, and each type has its own, smaller bound ({@link MessageType#maxBodyLength}).
   */
  public static final int MAX_FRAME_LENGTH = 1 + ChunkCodec.MAX_LENGTH;

  private MessageCodec() {}

  /** Bytes {@code message} takes on the wire, length field included. */
  public static int frameLength(PeerMessage message) {
    return HEADER_LENGTH + message.bodyLength();
  }

  /** {@code message} framed, into a new array. */
  public static byte[] encode(PeerMessage message) {
    ByteBuffer out = ByteBuffer.allocate(frameLength(message));
    encode(message, out);
    return out.array();
  }

  /**
   * Writes {@code message} framed at {@code out}'s position, advancing it.
   *
   * @throws IllegalArgumentException if {@code out} has too little room (nothing is written)
   */
  public static void encode(PeerMessage message, ByteBuffer out) {
    int bodyLength = message.bodyLength();
    if (out.remaining() < HEADER_LENGTH + bodyLength) {
      throw new IllegalArgumentException(message.type().label() + " frame needs "
          + (HEADER_LENGTH + bodyLength) + " bytes, buffer has " + out.remaining());
    }
    ByteBuffer b = out.duplicate(); // big-endian, whatever out's order
    b.putInt(1 + bodyLength).put((byte) message.type().code());
    int bodyStart = b.position();
    message.encodeBody(b);
    if (b.position() - bodyStart != bodyLength) {
      throw new IllegalStateException(message.type().label() + " wrote "
          + (b.position() - bodyStart) + " body bytes but said it needs " + bodyLength);
    }
    out.position(b.position());
  }

  /** Decodes all of {@code bytes}; see {@link #decode(ByteBuffer)}. */
  public static List<PeerMessage> decode(byte[] bytes) throws ProtocolException {
    return decode(ByteBuffer.wrap(bytes));
  }

  /**
   * Decodes whole frames from {@code in}'s position to its limit, skipping extension frames. On
   * success the position moves to the limit. Every length is checked against its bound before
   * anything is allocated for it.
   *
   * @throws ProtocolException for the first frame that is invalid or cut short
   */
  public static List<PeerMessage> decode(ByteBuffer in) throws ProtocolException {
    ByteBuffer b = in.slice();
    List<PeerMessage> messages = new ArrayList<>();
    while (b.hasRemaining()) {
      if (b.remaining() < LENGTH_FIELD_LENGTH) {
        throw new ProtocolException("truncated frame at offset " + b.position() + ": "
            + b.remaining() + " bytes, the length field alone is " + LENGTH_FIELD_LENGTH);
      }
      long length = Integer.toUnsignedLong(b.getInt(b.position()));
      checkLength(length);
      if (b.remaining() < HEADER_LENGTH) {
        throw new ProtocolException("truncated frame at offset " + b.position()
            + ": no type byte after the length field");
      }
      int code = b.get(b.position() + LENGTH_FIELD_LENGTH) & 0xFF;
      MessageType type = checkType(length, code);
      int bodyLength = (int) length - 1;
      int available = b.remaining() - HEADER_LENGTH;
      if (available < bodyLength) {
        throw new ProtocolException("truncated " + describe(type, code) + " frame at offset "
            + b.position() + ": body of " + bodyLength + " bytes, " + available + " remain");
      }
      int bodyStart = b.position() + HEADER_LENGTH;
      if (type != null) {
        messages.add(type.decodeBody(b.slice(bodyStart, bodyLength)));
      }
      b.position(bodyStart + bodyLength);
    }
    in.position(in.limit());
    return messages;
  }

  /** Checks a frame's length field, as soon as its 4 bytes are in and before any more are kept. */
  static void checkLength(long length) throws ProtocolException {
    if (length < 1) {
      throw new ProtocolException("frame length 0: a frame holds at least its type byte");
    }
    if (length > MAX_FRAME_LENGTH) {
      throw new ProtocolException("frame length " + length + " over the maximum "
          + MAX_FRAME_LENGTH + " (type byte and the largest chunk)");
    }
  }

  /**
   * Checks a frame's type against its length (already through {@link #checkLength}).
   *
   * @return the type, or null for an extension frame this build does not know, which is to be skipped
   */
  static MessageType checkType(long length, int code) throws ProtocolException {
    MessageType type = MessageType.forCode(code);
    if (type == null && MessageType.isExtension(code)) {
      return null;
    }
    if (type == null) {
      throw new ProtocolException(String.format(
          "unknown core message type 0x%02x: codes below 0x%02x must be known to every peer",
          code, MessageType.FIRST_EXTENSION));
    }
    if (length - 1 > type.maxBodyLength()) {
      throw new ProtocolException(type.label() + " frame length " + length + " over the maximum "
          + (1 + type.maxBodyLength()) + " (type byte and " + type.maxBodyLength()
          + " body bytes)");
    }
    return type;
  }

  /** {@code have}, or {@code extension 0x41}: names a frame's type in a message. */
  static String describe(MessageType type, int code) {
    return type != null ? type.label() : String.format("extension 0x%02x", code);
  }
}
