package io.swarmtv.channel;

import java.util.Arrays;

/**
 * One signed slice of a channel's MPEG-TS, the unit the swarm relays.
 *
 * <p>Byte arrays are owned by the record once it is built: nobody mutates them afterwards, so a
 * chunk can be handed to many peers and outputs without copying.
 *
 * @param sequence position in the channel, increasing by one per chunk
 * @param timestampMicros the source's wall clock when the chunk was cut, microseconds since the epoch
 * @param durationMicros media time the chunk covers, microseconds
 * @param flags {@link ChunkFlags} bits
 * @param keyEpoch 0 for a free channel; the content-key epoch of a premium one
 * @param payload whole 188-byte MPEG-TS packets (ciphertext on a premium channel)
 * @param signature the broadcaster's Ed25519 signature over {@link ChunkSignature#signedBytes}
 */
public record Chunk(
    long sequence,
    long timestampMicros,
    int durationMicros,
    int flags,
    int keyEpoch,
    byte[] payload,
    byte[] signature) {

  /** Largest payload a chunk may carry. */
  public static final int MAX_PAYLOAD = 16 * 1024;

  /** Length of an Ed25519 signature. */
  public static final int SIGNATURE_LENGTH = 64;

  public Chunk {
    if (sequence < 0) {
      throw new IllegalArgumentException("chunk sequence is negative: " + sequence);
    }
    if (durationMicros < 0) {
      throw new IllegalArgumentException("chunk duration is negative: " + durationMicros);
    }
    if ((flags & ~ChunkFlags.ALL) != 0) {
      throw new IllegalArgumentException("unknown chunk flags: 0x" + Integer.toHexString(flags));
    }
    if (keyEpoch < 0) {
      throw new IllegalArgumentException("key epoch is negative: " + keyEpoch);
    }
    if (payload == null || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "chunk payload must be 0.." + MAX_PAYLOAD + " bytes, was "
              + (payload == null ? "null" : payload.length));
    }
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("chunk signature must be " + SIGNATURE_LENGTH + " bytes");
    }
  }

  /** Whether the given {@link ChunkFlags} bit is set. */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chunk c
        && sequence == c.sequence
        && timestampMicros == c.timestampMicros
        && durationMicros == c.durationMicros
        && flags == c.flags
        && keyEpoch == c.keyEpoch
        && Arrays.equals(payload, c.payload)
        && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Chunk[seq=" + sequence + ", ts=" + timestampMicros + "us, dur=" + durationMicros
        + "us, flags=" + ChunkFlags.describe(flags) + ", epoch=" + keyEpoch
        + ", " + payload.length + " bytes]";
  }
}
