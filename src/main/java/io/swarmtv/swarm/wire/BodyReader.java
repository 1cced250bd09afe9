package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * Reads one message body field by field, turning every shortfall into a {@link
 * ProtocolException} that names the message, the field and the offset.
 */
final class BodyReader {
  private final MessageType type;
  private final ByteBuffer in;
  private final ByteBuffer b;

  /** Reads {@code in} from its position to its limit; see {@link #finish()}. */
  BodyReader(MessageType type, ByteBuffer in) {
    this.type = type;
    this.in = in;
    this.b = in.slice(); // big-endian whatever in's order, and in stays put until finish()
  }

  long getLong(String field) throws ProtocolException {
    need(8, field);
    return b.getLong();
  }

  int getUnsignedShort(String field) throws ProtocolException {
    need(2, field);
    return b.getShort() & 0xFFFF;
  }

  int getUnsignedByte(String field) throws ProtocolException {
    need(1, field);
    return b.get() & 0xFF;
  }

  /** {@code length} bytes; the caller has bounded {@code length} already. */
  byte[] getBytes(String field, int length) throws ProtocolException {
    need(length, field);
    byte[] bytes = new byte[length];
    b.get(bytes);
    return bytes;
  }

  /** Refuses a count over its bound before anything is read or allocated for it. */
  void checkCount(String field, int count, int max) throws ProtocolException {
    if (count > max) {
      throw error(field + " " + count + " over the maximum " + max);
    }
  }

  /** Checks that nothing is left, then moves the caller's buffer to its limit. */
  void finish() throws ProtocolException {
    if (b.hasRemaining()) {
      throw error(b.remaining() + " trailing bytes after a " + b.position() + "-byte body");
    }
    in.position(in.limit());
  }

  /** An error about this message: {@code "<type>: <detail>"}. */
  ProtocolException error(String detail) {
    return new ProtocolException(type.label() + ": " + detail);
  }

  ProtocolException error(String detail, Throwable cause) {
    return new ProtocolException(type.label() + ": " + detail, cause);
  }

  private void need(int count, String field) throws ProtocolException {
    if (b.remaining() < count) {
      throw error("truncated body: " + field + " needs " + count + " bytes at offset "
          + b.position() + ", " + b.remaining() + " remain");
    }
  }
}
