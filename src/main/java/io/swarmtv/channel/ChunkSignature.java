package io.swarmtv.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a chunk's signature covers, and signing and verifying it. For verifying many chunks of one
 * channel, {@link ChunkVerifier} is faster.
 */
public final class ChunkSignature {
  /**
   * Starts every signed chunk message, so that no signature over a chunk can pass for one over
   * another kind of record. The NUL keeps tags prefix-free as new ones are added.
   */
  public static final String DOMAIN_TAG = "swarmtv/chunk/1\0";

  private static final byte[] TAG = DOMAIN_TAG.getBytes(StandardCharsets.US_ASCII);

  /** Length of the signed bytes before the payload. */
  public static final int SIGNED_HEADER_LENGTH =
      TAG.length + ChannelId.LENGTH + 8 + 8 + 4 + 1 + 4 + 4;

  private ChunkSignature() {}

  /**
   * The message a chunk's signature is over: tag, channel id, sequence (8), timestamp (8),
   * duration (4), flags (1), key epoch (4), payload length (4), payload; integers big-endian.
   * Including the channel id means a chunk cannot be replayed into another channel.
   *
   * @throws IllegalArgumentException if {@code flags} does not fit its one byte
   */
  public static byte[] signedBytes(
      ChannelId channel, long sequence, long timestampMicros, int durationMicros, int flags,
      int keyEpoch, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(SIGNED_HEADER_LENGTH + payload.length);
    putHeader(out, channel, sequence, timestampMicros, durationMicros, flags, keyEpoch,
        payload.length);
    out.put(payload);
    return out.array();
  }

  /** Signs a new chunk; {@code payload} becomes the chunk's and must not be modified afterwards. */
  public static Chunk sign(
      ChannelKey key, long sequence, long timestampMicros, int durationMicros, int flags,
      int keyEpoch, byte[] payload) {
    byte[] signature = key.sign(signedBytes(
        key.id(), sequence, timestampMicros, durationMicros, flags, keyEpoch, payload));
    return new Chunk(
        sequence, timestampMicros, durationMicros, flags, keyEpoch, payload, signature);
  }

  /**
   * Whether {@code chunk} was signed by {@code channel}'s key. Never throws for a forged or
   * corrupted chunk: that is simply false.
   */
  public static boolean verify(ChannelId channel, Chunk chunk) {
    return Ed25519Signatures.verify(channel.rawBytes(), signedBytes(channel, chunk), chunk.signature());
  }

  /** The bytes {@code chunk}'s signature covers. */
  static byte[] signedBytes(ChannelId channel, Chunk chunk) {
    return signedBytes(channel, chunk.sequence(), chunk.timestampMicros(), chunk.durationMicros(),
        chunk.flags(), chunk.keyEpoch(), chunk.payload());
  }

  private static void putHeader(
      ByteBuffer out, ChannelId channel, long sequence, long timestampMicros, int durationMicros,
      int flags, int keyEpoch, int payloadLength) {
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException(
          "chunk flags do not fit a byte: 0x" + Integer.toHexString(flags));
    }
    out.put(TAG)
        .put(channel.rawBytes())
        .putLong(sequence)
        .putLong(timestampMicros)
        .putInt(durationMicros)
        .put((byte) flags)
        .putInt(keyEpoch)
        .putInt(payloadLength);
  }
}
