package io.swarmtv.swarm.net;

import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MessageSizeEstimator;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerMessage;

/**
 * Sizes a {@link PeerMessage} by its frame. Netty counts a write from another thread as pending
 * the moment it is submitted, by this estimate; without it a queued chunk would count as a few
 * bytes until encoded, and {@code queuedBytes} would lag behind what the logic sent.
 */
final class PeerMessageSizeEstimator implements MessageSizeEstimator {
  static final PeerMessageSizeEstimator INSTANCE = new PeerMessageSizeEstimator();

  private final Handle fallback = DefaultMessageSizeEstimator.DEFAULT.newHandle();
  private final Handle handle = message -> message instanceof PeerMessage m
      ? MessageCodec.frameLength(m)
      : fallback.size(message);

  private PeerMessageSizeEstimator() {}

  @Override
  public Handle newHandle() {
    return handle;
  }
}
