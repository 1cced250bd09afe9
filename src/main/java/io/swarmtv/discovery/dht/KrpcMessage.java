package io.swarmtv.discovery.dht;

/** One KRPC datagram: a query, a response or an error, each with its transaction id. */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

  /** The transaction id that pairs a response or error with its query. */
  TransactionId transaction();
}
