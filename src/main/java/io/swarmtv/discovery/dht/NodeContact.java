package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A DHT node as compact node info carries it: its id and its UDP address. */
public record NodeContact(NodeId id, InetSocketAddress address) {
  public NodeContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return id + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
