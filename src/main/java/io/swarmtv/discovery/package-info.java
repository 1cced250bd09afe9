/**
 * Finding a channel's peers without a server of ours: BitTorrent trackers (HTTP and UDP), the
 * Mainline DHT, multicast discovery on the home network; each hands addresses to the swarm with
 * the {@link io.swarmtv.swarm.PeerSource} it came from.
 */
package io.swarmtv.discovery;
