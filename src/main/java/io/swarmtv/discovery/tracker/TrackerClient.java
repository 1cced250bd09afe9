package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Speaks to trackers. Every call completes within the client's time bound, with the reply or with
 * a {@link TrackerException} that says what went wrong.
 */
public interface TrackerClient {
  /** Announces to {@code tracker}. */
  CompletableFuture<AnnounceReply> announce(URI tracker, AnnounceRequest request);

  /** Asks {@code tracker} how many peers {@code infoHash}'s swarm has. */
  CompletableFuture<ScrapeReply> scrape(URI tracker, InfoHash infoHash);
}
