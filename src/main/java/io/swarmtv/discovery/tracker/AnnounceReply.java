package io.swarmtv.discovery.tracker;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A tracker's answer to an announce.
 *
 * @param intervalSeconds when to announce again
 * @param minIntervalSeconds announcing sooner than this is refused by the tracker (0: not given)
 * @param seeders peers that have everything, or -1 if not told
 * @param leechers the other peers, or -1 if not told
 * @param warning the tracker's {@code warning message}, or null
 */
public record AnnounceReply(long intervalSeconds, long minIntervalSeconds, List<InetSocketAddress> peers,
    long seeders, long leechers, String warning) {
  public AnnounceReply {
    peers = List.copyOf(peers);
  }
}
