package io.swarmtv.app;

import io.swarmtv.discovery.DiscoveryStatus;
import io.swarmtv.discovery.tracker.TrackerStatus;
import java.util.Locale;

/** A channel's discovery as one status line: trackers answering, peers they gave, the other sources. */
final class DiscoveryStatusText {
  private DiscoveryStatusText() {}

  static String line(DiscoveryStatus s, long nowMicros) {
    long ok = s.trackers().stream().filter(t -> t.announces() > 0 && t.lastError() == null).count();
    int peers = s.trackers().stream().filter(t -> t.lastError() == null).mapToInt(TrackerStatus::peersReturned).sum();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "discovery: trackers %d/%d answering, %d peers",
        ok, s.trackers().size(), peers));
    s.trackers().stream().filter(t -> t.lastError() != null).findFirst().ifPresent(t -> b.append(String.format(
        Locale.ROOT, " | %s: %s (again in %d s)", t.tracker().getHost(), t.lastError(),
        Math.max(0, (t.nextAnnounceMicros() - nowMicros) / 1_000_000))));
    s.otherSources().forEach(src -> b.append(" | ").append(src.name()).append(" on"));
    return b.toString();
  }
}
