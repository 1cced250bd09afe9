/**
 * A Mainline DHT node (BEP 5): KRPC messages and their codec, the k-bucket routing table, tokens,
 * the announced-peer store and iterative lookups as plain classes driven by an injected clock, under
 * a thin Netty UDP adapter and the {@link io.swarmtv.discovery.dht.DhtNode} facade.
 */
package io.swarmtv.discovery.dht;
