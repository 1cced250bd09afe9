package io.swarmtv.discovery;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A way of finding a swarm's peers that runs by itself once told the swarm (LAN multicast, the
 * Mainline DHT): it announces that we serve {@code port} and hands every address it learns to
 * {@code found}, until the returned handle is closed.
 */
@FunctionalInterface
public interface PeerFinder {
  /** Starts finding peers of {@code infoHash}; closing the result stops it and announces nothing more. */
  AutoCloseable track(InfoHash infoHash, int port, Consumer<InetSocketAddress> found);
}
