package io.swarmtv.web;

import java.util.Map;

/**
 * One listed channel now: what the household chose and, while it is joined, the swarm's figures.
 * URLs are not here: they depend on the address the asking device used ({@link ChannelUrls}).
 *
 * @param id the channel id as written in its link
 * @param name the name to show (the household's, else the channel's signed or linked name)
 * @param customName the name the household gave it, or null
 * @param link the channel link, canonical
 * @param logo logo URL, or null
 * @param pinned kept joined even with no viewers
 * @param stopped not joined until started
 * @param joined a member of the channel's swarm now
 * @param viewers continuous-stream clients plus HLS clients seen in the last few seconds
 * @param peers peer addresses known, by where they were learned (tracker, dht, lan, pex, ...)
 * @param connectedPeers neighbours connected now
 * @param downloadBitsPerSecond chunk payload received, averaged over the last second or so
 * @param uploadBitsPerSecond chunk payload sent to other peers, likewise
 * @param bytesDown chunk payload received since joined; {@code bytesUp} sent
 * @param bufferAheadMillis media held in the live window that a player can still fetch
 * @param chunksOnTime chunks that arrived within the playout delay
 * @param chunksLate chunks that arrived after it
 * @param chunksLost chunks that never came, or came after their deadline
 * @param delayMillis median delay from the source's timestamp to arrival here
 */
public record ChannelStatus(
    String id,
    String name,
    String customName,
    String link,
    String logo,
    boolean pinned,
    boolean stopped,
    boolean joined,
    int viewers,
    Map<String, Integer> peers,
    int connectedPeers,
    long downloadBitsPerSecond,
    long uploadBitsPerSecond,
    long bytesDown,
    long bytesUp,
    long bufferAheadMillis,
    long chunksOnTime,
    long chunksLate,
    long chunksLost,
    long delayMillis) {

  public ChannelStatus {
    peers = Map.copyOf(peers);
  }
}
