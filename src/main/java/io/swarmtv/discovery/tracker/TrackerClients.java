package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.ingest.MicrosClock;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Every kind of tracker we speak, chosen by the URL's scheme: http and https, and udp. Each client
 * is made on first use, on the thread that announces, so a role without trackers of a kind pays
 * nothing for it and startup waits for neither.
 */
public final class TrackerClients implements TrackerClient, AutoCloseable {
  private final TrackerSettings settings;
  private final MicrosClock clock;
  private HttpTrackerClient http;
  private UdpTrackerClient udp;
  private boolean closed;

  private TrackerClients(TrackerSettings settings, MicrosClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Clients for HTTP and UDP trackers, with {@code settings}' bounds. */
  public static TrackerClients start(TrackerSettings settings, MicrosClock clock) {
    return new TrackerClients(settings, clock);
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
    synchronized (this) {
      if (closed) {
        throw new TrackerException("tracker clients are closed");
      }
      if (tracker.getScheme().equalsIgnoreCase("udp")) {
        if (udp == null) {
          udp = UdpTrackerClient.start(settings, clock);
        }
        return udp;
      }
      if (http == null) {
        http = new HttpTrackerClient(settings);
      }
      return http;
    }
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
    UdpTrackerClient u;
    synchronized (this) {
      closed = true;
      u = udp;
    }
    if (u != null) {
      u.close();
    }
  }
}
