package io.swarmtv.discovery.dht;

/**
 * {@code announce_peer}: the sender serves {@code infoHash} on {@code port} (or, with
 * {@code impliedPort}, on the UDP port the query came from), proven by a token from its get_peers.
 */
public record AnnouncePeerQuery(NodeId sender, NodeId infoHash, int port, boolean impliedPort, byte[] token)
    implements DhtQuery {
  public AnnouncePeerQuery {
    token = token.clone();
  }

  @Override
  public byte[] token() {
    return token.clone();
  }

  @Override
  public String method() {
    return "announce_peer";
  }
}
