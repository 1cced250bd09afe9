package io.swarmtv.swarm;

/** Where a node learned of a peer's address, counted per source for the status page. */
public enum PeerSource {
  /** Given by the user ({@code --peer}) or the demo's wiring. */
  MANUAL,
  /** A BitTorrent tracker's announce reply. */
  TRACKER,
  /** The Mainline DHT's get_peers. */
  DHT,
  /** Multicast discovery on the home network. */
  LAN,
  /** Peer exchange from a neighbour over the swarm protocol. */
  PEX,
  /** The peer connected to us and told us its listen port. */
  INCOMING
}
