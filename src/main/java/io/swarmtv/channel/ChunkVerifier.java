package io.swarmtv.channel;

import java.security.Signature;
import java.security.SignatureException;

/**
 * Verifies chunks of one channel, from any number of threads: build one per channel and keep it.
 *
 * <p>It keeps one initialized {@link Signature} per thread, because {@code Signature} is not
 * thread-safe and initializing one decodes the public key point, a noticeable share of the cost
 * of verifying a chunk.
 */
public final class ChunkVerifier {
  private final ChannelId channel;
  private final ThreadLocal<Signature> signatures;

  public ChunkVerifier(ChannelId channel) {
    this.channel = channel;
    this.signatures = ThreadLocal.withInitial(() -> ChunkSignature.initVerify(channel));
  }

  /** The channel whose chunks this verifies. */
  public ChannelId channel() {
    return channel;
  }

  /** Whether {@code chunk} was signed by the channel's key; false, never an exception, if not. */
  public boolean verify(Chunk chunk) {
    try {
      return ChunkSignature.verify(signatures.get(), channel, chunk);
    } catch (SignatureException e) {
      // The failed object still buffers this chunk; start the next one on a fresh one.
      signatures.remove();
      return false;
    }
  }

  @Override
  public String toString() {
    return "ChunkVerifier[" + channel + "]";
  }
}
