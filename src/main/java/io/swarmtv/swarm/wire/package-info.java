/**
 * The peer protocol's wire layer: length-prefixed frames, one record per message with its byte
 * layout beside it, the handshake's version negotiation, and thin Netty handlers over the codec.
 * See "Peer messages" in {@code docs/protocol.md}.
 */
package io.swarmtv.swarm.wire;
