package io.swarmtv.swarm;

import java.net.InetSocketAddress;

/**
 * One neighbour's figures as a node sees them, for the status page and metrics.
 *
 * @param parentFor sub-streams it pushes to us
 * @param childFor sub-streams we push to it
 * @param rttMicros round-trip time from pings, or -1 before the first answer
 */
public record PeerStats(
    InetSocketAddress address,
    long connectedMicros,
    int parentFor,
    int childFor,
    long chunksDown,
    long chunksUp,
    long payloadBytesDown,
    long payloadBytesUp,
    long controlBytesDown,
    long controlBytesUp,
    long rttMicros) {}
