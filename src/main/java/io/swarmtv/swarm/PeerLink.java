package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.PeerMessage;
import java.net.InetSocketAddress;

/**
 * One connection to a peer, as the swarm logic sees it: whatever carries it (Netty on real
 * sockets, the simulator's modelled network), it sends messages and can be closed.
 *
 * <p>Calls come from the swarm's own thread and never block.
 */
public interface PeerLink {

  /** The peer's address as this side sees it (its source port, not its listen port). */
  InetSocketAddress remoteAddress();

  /** Queues {@code message} for sending; messages arrive in the order sent. */
  void send(PeerMessage message);

  /** Bytes queued and not yet handed to the network: how far this peer is behind on reading. */
  long queuedBytes();

  /** Sends a goodbye with {@code reason} and {@code detail}, then closes; later sends are dropped. */
  void close(GoodbyeReason reason, String detail);
}
