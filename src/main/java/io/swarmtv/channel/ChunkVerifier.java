package io.swarmtv.channel;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies chunks of one channel, from any number of threads: build one per channel and keep it.
 *
 * <p>It decodes the channel's public key point once, the part of verifying that does not depend
 * on the chunk.
 */
public final class ChunkVerifier {
  private final ChannelId channel;
  private final Ed25519.PublicPoint point;

  public ChunkVerifier(ChannelId channel) {
    this.channel = channel;
    // ChannelId has checked the key is a point on the curve; only decoding is left.
    this.point = Ed25519.validatePublicKeyPartialExport(channel.rawBytes(), 0);
    if (point == null) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + channel);
    }
  }

  /** The channel whose chunks this verifies. */
  public ChannelId channel() {
    return channel;
  }

  /** Whether {@code chunk} was signed by the channel's key; false, never an exception, if not. */
  public boolean verify(Chunk chunk) {
    byte[] message = ChunkSignature.signedBytes(channel, chunk);
    return Ed25519Signatures.verify(point, message, chunk.signature());
  }

  @Override
  public String toString() {
    return "ChunkVerifier[" + channel + "]";
  }
}
