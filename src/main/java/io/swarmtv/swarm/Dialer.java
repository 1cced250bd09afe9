package io.swarmtv.swarm;

import java.net.InetSocketAddress;

/** Opens connections on the swarm logic's behalf; the transport reports them through {@link PeerEvents}. */
@FunctionalInterface
public interface Dialer {
  void dial(InetSocketAddress address);
}
