/**
 * Peers over TCP with Netty: {@link io.swarmtv.swarm.net.PeerTransport} carries the swarm logic's
 * {@link io.swarmtv.swarm.PeerLink}s on real sockets, one listening port shared by every channel.
 * Everything socket-specific (handshake routing, timeouts, keepalive, limits) lives here, so the
 * logic in {@link io.swarmtv.swarm} stays plain Java and runs under a simulator as well.
 */
package io.swarmtv.swarm.net;
