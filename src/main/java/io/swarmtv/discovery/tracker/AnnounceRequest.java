package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import java.util.Objects;

/**
 * What we tell a tracker: the swarm, who we are ({@code peerId}, 20 bytes, and {@code key}, which
 * lets a tracker recognise us across address changes), the TCP port peers reach us on, and how
 * many peers we want.
 *
 * @param left 0 for the broadcaster (it has everything), 1 for a viewer, as a live swarm has no end
 */
public record AnnounceRequest(InfoHash infoHash, PeerIdBytes peerId, int port, AnnounceEvent event, long left,
    int numWant, int key) {
  public AnnounceRequest {
    Objects.requireNonNull(infoHash);
    Objects.requireNonNull(peerId);
    Objects.requireNonNull(event);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not 1..65535");
    }
    if (numWant < 0) {
      throw new IllegalArgumentException("numWant " + numWant + " is negative");
    }
  }

  /** The same request with another event. */
  public AnnounceRequest withEvent(AnnounceEvent e) {
    return new AnnounceRequest(infoHash, peerId, port, e, left, e == AnnounceEvent.STOPPED ? 0 : numWant, key);
  }
}
