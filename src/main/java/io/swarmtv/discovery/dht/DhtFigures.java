package io.swarmtv.discovery.dht;

/**
 * A snapshot of a DHT node's state and counters for the status page.
 *
 * @param nodes nodes in the routing table
 * @param queriesIn queries answered (or refused with an error)
 * @param queriesOut queries sent
 * @param answersIn responses to our queries
 * @param timeouts our queries that got no answer in time
 * @param peersFound peers found by get_peers lookups, each counted once per lookup
 * @param announcesStored peers others announced to us, now held
 * @param dropped datagrams refused: malformed, over the size limit or over a source's rate limit
 * @param pendingQueries our queries awaiting an answer now
 */
public record DhtFigures(int nodes, long queriesIn, long queriesOut, long answersIn, long timeouts,
    long peersFound, int announcesStored, long dropped, int pendingQueries) {}
