package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.ingest.MicrosClock;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Every kind of tracker we speak, chosen by the URL's scheme: http and https, and udp. */
public final class TrackerClients implements TrackerClient, AutoCloseable {
  private final HttpTrackerClient http;
  private final UdpTrackerClient udp;

  private TrackerClients(HttpTrackerClient http, UdpTrackerClient udp) {
    this.http = http;
    this.udp = udp;
  }

  /** Clients for HTTP and UDP trackers, with {@code settings}' bounds. */
  public static TrackerClients start(TrackerSettings settings, MicrosClock clock) {
    return new TrackerClients(new HttpTrackerClient(settings), UdpTrackerClient.start(settings, clock));
  }

  /** Whether {@code tracker}'s scheme is one we speak. */
  public static boolean supports(URI tracker) {
    String s = tracker.getScheme() == null ? "" : tracker.getScheme().toLowerCase(Locale.ROOT);
    return (s.equals("http") || s.equals("https") || s.equals("udp")) && tracker.getHost() != null;
  }

  private TrackerClient of(URI tracker) {
    if (!supports(tracker)) {
      throw new TrackerException("tracker " + tracker + " is not an http, https or udp URL with a host");
    }
    return tracker.getScheme().equalsIgnoreCase("udp") ? udp : http;
  }

  @Override
  public CompletableFuture<AnnounceReply> announce(URI tracker, AnnounceRequest request) {
    return of(tracker).announce(tracker, request);
  }

  @Override
  public CompletableFuture<ScrapeReply> scrape(URI tracker, InfoHash infoHash) {
    return of(tracker).scrape(tracker, infoHash);
  }

  @Override
  public void close() {
    udp.close();
  }
}
