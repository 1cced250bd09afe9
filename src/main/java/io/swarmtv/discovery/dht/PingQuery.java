package io.swarmtv.discovery.dht;

/** {@code ping}: are you there? */
public record PingQuery(NodeId sender) implements DhtQuery {
  @Override
  public String method() {
    return "ping";
  }
}
