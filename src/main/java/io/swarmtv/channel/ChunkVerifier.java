package io.swarmtv.channel;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Verifies chunks of one channel, from any number of threads: build one per channel and keep it.
 *
 * <p>It decodes the channel's public key point once, the part of verifying that does not depend
 * on the chunk.
 *
 * <p>Chunks that verified lately are remembered, process-wide and weakly: where many nodes of one
 * channel share a process (the simulator, the demo) each chunk costs the curve arithmetic once, not
 * once per node. A remembered chunk only answers for a chunk equal to it in every byte, payload and
 * signature included, which verifies alike; anything else is verified in full.
 */
public final class ChunkVerifier {
  private static final int REMEMBERED = 1 << 14;
  private static final AtomicReferenceArray<Verified> VERIFIED = new AtomicReferenceArray<>(REMEMBERED);

  private record Verified(ChannelId channel, WeakReference<Chunk> chunk) {}

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
    int slot = (chunk.hashCode() * 0x9E3779B9 >>> 18) & (REMEMBERED - 1);
    Verified v = VERIFIED.get(slot);
    if (v != null && v.channel().equals(channel)) {
      Chunk known = v.chunk().get();
      if (known != null && known.equals(chunk)) {
        return true;
      }
    }
    byte[] message = ChunkSignature.signedBytes(channel, chunk);
    boolean ok = Ed25519Signatures.verify(point, message, chunk.signature());
    if (ok) {
      VERIFIED.set(slot, new Verified(channel, new WeakReference<>(chunk)));
    }
    return ok;
  }

  @Override
  public String toString() {
    return "ChunkVerifier[" + channel + "]";
  }
}
