package io.swarmtv.discovery.dht;

/** The arguments of one KRPC query; each kind names its method and its sender's id. */
public sealed interface DhtQuery permits PingQuery, FindNodeQuery, GetPeersQuery, AnnouncePeerQuery {

  /** The querying node's id. */
  NodeId sender();

  /** The KRPC method name ({@code q}). */
  String method();
}
