package io.swarmtv.discovery;

import io.swarmtv.discovery.tracker.TrackerStatus;
import io.swarmtv.swarm.PeerSource;
import java.util.List;

/**
 * How a channel finds its peers, for the status page: each tracker's state and which other sources
 * (LAN, DHT) run. How many peers each source found is the swarm's {@code peerSources()}.
 */
public record DiscoveryStatus(List<TrackerStatus> trackers, List<PeerSource> otherSources) {
  public DiscoveryStatus {
    trackers = List.copyOf(trackers);
    otherSources = List.copyOf(otherSources);
  }
}
