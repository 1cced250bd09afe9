package io.swarmtv.discovery.dht;

/** {@code get_peers}: which peers announced {@code infoHash}, or which nodes are closer to it? */
public record GetPeersQuery(NodeId sender, NodeId infoHash) implements DhtQuery {
  @Override
  public String method() {
    return "get_peers";
  }
}
