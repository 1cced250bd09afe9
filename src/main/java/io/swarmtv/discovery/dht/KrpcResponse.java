package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A KRPC response ({@code y=r}): the responder's id and, depending on the query, closer nodes,
 * announced peers ({@code values}) and a token for announce_peer (null when absent).
 */
public record KrpcResponse(TransactionId transaction, NodeId sender, List<NodeContact> nodes,
    List<InetSocketAddress> peers, byte[] token) implements KrpcMessage {
  public KrpcResponse {
    nodes = List.copyOf(nodes);
    peers = List.copyOf(peers);
    token = token == null ? null : token.clone();
  }

  /** A response carrying only the responder's id, as to ping and announce_peer. */
  public static KrpcResponse bare(TransactionId transaction, NodeId sender) {
    return new KrpcResponse(transaction, sender, List.of(), List.of(), null);
  }

  @Override
  public byte[] token() {
    return token == null ? null : token.clone();
  }
}
