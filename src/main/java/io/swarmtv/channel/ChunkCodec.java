package io.swarmtv.channel;

import java.nio.ByteBuffer;

/**
 * A chunk's serialized form, the same on the wire and on disk: sequence (8), timestamp (8),
 * duration (4), flags (1), key epoch (4), payload length (4), payload, signature (64); integers
 * big-endian. See {@code docs/protocol.md}.
 */
public final class ChunkCodec {
  /** Bytes before the payload. */
  public static final int HEADER_LENGTH = 8 + 8 + 4 + 1 + 4 + 4;
  /** Longest encoded chunk. */
  public static final int MAX_LENGTH = HEADER_LENGTH + Chunk.MAX_PAYLOAD + Chunk.SIGNATURE_LENGTH;

  private static final int PAYLOAD_LENGTH_OFFSET = HEADER_LENGTH - 4;
  private static final int FLAGS_OFFSET = 8 + 8 + 4;

  private ChunkCodec() {}

  /** Length of {@code chunk} encoded. */
  public static int encodedLength(Chunk chunk) {
    return HEADER_LENGTH + chunk.payload().length + Chunk.SIGNATURE_LENGTH;
  }

  /** {@code chunk} encoded into a new array. */
  public static byte[] encode(Chunk chunk) {
    ByteBuffer out = ByteBuffer.allocate(encodedLength(chunk));
    encode(chunk, out);
    return out.array();
  }

  /**
   * Writes {@code chunk} at {@code out}'s position, advancing it.
   *
   * @throws IllegalArgumentException if {@code out} has too little room (nothing is written)
   */
  public static void encode(Chunk chunk, ByteBuffer out) {
    int length = encodedLength(chunk);
    if (out.remaining() < length) {
      throw new IllegalArgumentException(
          "chunk needs " + length + " bytes, buffer has " + out.remaining());
    }
    ByteBuffer b = out.duplicate(); // big-endian, whatever out's order
    b.putLong(chunk.sequence())
        .putLong(chunk.timestampMicros())
        .putInt(chunk.durationMicros())
        .put((byte) chunk.flags())
        .putInt(chunk.keyEpoch())
        .putInt(chunk.payload().length)
        .put(chunk.payload())
        .put(chunk.signature());
    out.position(b.position());
  }

  /** Decodes all of {@code bytes}; see {@link #decode(ByteBuffer)}. */
  public static Chunk decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /**
   * Decodes exactly one chunk from {@code in}'s position to its limit. On success the position
   * moves to the limit; on failure it is unchanged. Allocates only the payload and signature,
   * after checking the payload length against {@link Chunk#MAX_PAYLOAD}. The signature is not
   * checked here: see {@link ChunkVerifier}.
   *
   * @throws MalformedRecordException saying what is wrong: truncated, too long a payload, unknown
   *     flags, a negative field, trailing bytes
   */
  public static Chunk decode(ByteBuffer in) {
    ByteBuffer b = in.slice(); // slice() is big-endian, whatever in's order
    int available = b.remaining();
    if (available < HEADER_LENGTH) {
      throw new MalformedRecordException(
          "truncated chunk: " + available + " bytes, but the header alone is " + HEADER_LENGTH);
    }
    long payloadLength = Integer.toUnsignedLong(b.getInt(PAYLOAD_LENGTH_OFFSET));
    if (payloadLength > Chunk.MAX_PAYLOAD) {
      throw new MalformedRecordException(
          "chunk payload length " + payloadLength + " exceeds the maximum " + Chunk.MAX_PAYLOAD);
    }
    int flags = b.get(FLAGS_OFFSET) & 0xFF;
    if ((flags & ~ChunkFlags.ALL) != 0) {
      throw new MalformedRecordException("unknown chunk flags 0x" + Integer.toHexString(flags));
    }
    int expected = HEADER_LENGTH + (int) payloadLength + Chunk.SIGNATURE_LENGTH;
    if (available < expected) {
      throw new MalformedRecordException(
          "truncated chunk: " + available + " bytes, but a chunk with a " + payloadLength
              + "-byte payload is " + expected);
    }
    if (available > expected) {
      throw new MalformedRecordException(
          (available - expected) + " trailing bytes after a " + expected + "-byte chunk");
    }
    long sequence = b.getLong();
    long timestamp = b.getLong();
    int duration = b.getInt();
    b.get(); // flags, read above
    int keyEpoch = b.getInt();
    b.getInt(); // payload length, read above
    byte[] payload = new byte[(int) payloadLength];
    b.get(payload);
    byte[] signature = new byte[Chunk.SIGNATURE_LENGTH];
    b.get(signature);
    Chunk chunk;
    try {
      chunk = new Chunk(sequence, timestamp, duration, flags, keyEpoch, payload, signature);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("bad chunk: " + e.getMessage(), e);
    }
    in.position(in.limit());
    return chunk;
  }
}
