package io.swarmtv.discovery.dht;

/** {@code find_node}: which nodes do you know closest to {@code target}? */
public record FindNodeQuery(NodeId sender, NodeId target) implements DhtQuery {
  @Override
  public String method() {
    return "find_node";
  }
}
