package io.swarmtv.discovery.dht;

/** A KRPC error ({@code y=e}): a code (201 generic, 202 server, 203 protocol, 204 method unknown) and text. */
public record KrpcError(TransactionId transaction, long code, String message) implements KrpcMessage {}
