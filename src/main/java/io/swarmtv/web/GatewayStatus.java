package io.swarmtv.web;

/**
 * The gateway's own figures.
 *
 * @param version the program's version
 * @param uptimeSeconds seconds since the gateway started
 * @param peerPort the TCP port other peers connect to
 * @param reachable whether peers on the internet can connect to that port; null while unknown
 * @param uploadLimitBytesPerSecond upload limit for each channel, 0 for none
 * @param dataBytes bytes the gateway's files take in its data directory
 * @param memoryBytes Java heap in use
 * @param channelsListed channels in the household's list
 * @param channelsJoined channels joined now
 */
public record GatewayStatus(
    String version,
    long uptimeSeconds,
    int peerPort,
    Boolean reachable,
    long uploadLimitBytesPerSecond,
    long dataBytes,
    long memoryBytes,
    int channelsListed,
    int channelsJoined) {}
