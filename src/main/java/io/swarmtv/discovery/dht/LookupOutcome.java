package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * How a lookup ended: the closest nodes that answered, the peers found (get_peers only) and how
 * many nodes accepted our announce (0 when we did not announce).
 */
public record LookupOutcome(NodeId target, int queries, List<NodeContact> closest, Set<InetSocketAddress> peers,
    int announcedTo) {
  public LookupOutcome {
    closest = List.copyOf(closest);
    peers = Set.copyOf(peers);
  }
}
