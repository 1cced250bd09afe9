package io.swarmtv.discovery.dht;

/**
 * A KRPC query ({@code y=q}). {@code readOnly} is BEP 43's {@code ro=1}: the sender answers no
 * queries (often behind a NAT), so it is served but not put in the routing table.
 */
public record KrpcQuery(TransactionId transaction, DhtQuery query, boolean readOnly) implements KrpcMessage {

  /** A query from a node that answers queries too. */
  public KrpcQuery(TransactionId transaction, DhtQuery query) {
    this(transaction, query, false);
  }
}
