package io.swarmtv.discovery.dht;

/** A KRPC query ({@code y=q}). */
public record KrpcQuery(TransactionId transaction, DhtQuery query) implements KrpcMessage {}
