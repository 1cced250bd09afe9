package io.swarmtv.discovery.tracker;

import java.time.Duration;

/**
 * Bounds and timings for talking to trackers.
 *
 * @param requestTimeout an HTTP announce or scrape gets no more time than this, body included
 * @param udpAttemptTimeout how long one UDP request waits for its reply before it is sent again
 * @param udpAttempts UDP requests are sent at most this many times (BEP 15 allows eight; a live
 *     swarm cannot wait an hour)
 * @param maxReplyBytes an HTTP reply body longer than this is refused
 * @param minIntervalSeconds a tracker asking for announces more often than this is not obeyed
 * @param maxIntervalSeconds nor one that asks for them less often than this
 * @param firstRetrySeconds the wait after a first failure; it doubles with each failure in a row
 * @param maxRetrySeconds up to this
 * @param stopTimeout how long leaving waits for the trackers to take our {@code stopped}
 * @param numWant peers asked for per announce
 */
public record TrackerSettings(Duration requestTimeout, Duration udpAttemptTimeout, int udpAttempts, int maxReplyBytes,
    long minIntervalSeconds, long maxIntervalSeconds, long firstRetrySeconds, long maxRetrySeconds,
    Duration stopTimeout, int numWant) {
  /** For real homes. */
  public static final TrackerSettings DEFAULT = new TrackerSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), 3,
      128 * 1024, 60, 3600, 15, 1800, Duration.ofSeconds(3), 50);

  public TrackerSettings {
    if (udpAttempts < 1 || maxReplyBytes < 64 || minIntervalSeconds < 1 || maxIntervalSeconds < minIntervalSeconds
        || firstRetrySeconds < 1 || maxRetrySeconds < firstRetrySeconds || numWant < 0) {
      throw new IllegalArgumentException("tracker settings out of range: " + this);
    }
  }

  /** The same with other request timeouts, as tests against misbehaving trackers want short ones. */
  public TrackerSettings withTimeouts(Duration request, Duration udpAttempt, int attempts) {
    return new TrackerSettings(request, udpAttempt, attempts, maxReplyBytes, minIntervalSeconds, maxIntervalSeconds,
        firstRetrySeconds, maxRetrySeconds, stopTimeout, numWant);
  }

  /** The same with another floor under the tracker's interval. */
  public TrackerSettings withMinIntervalSeconds(long seconds) {
    return new TrackerSettings(requestTimeout, udpAttemptTimeout, udpAttempts, maxReplyBytes, seconds,
        Math.max(seconds, maxIntervalSeconds), firstRetrySeconds, maxRetrySeconds, stopTimeout, numWant);
  }

  /** The same with another first retry delay. */
  public TrackerSettings withFirstRetrySeconds(long seconds) {
    return new TrackerSettings(requestTimeout, udpAttemptTimeout, udpAttempts, maxReplyBytes, minIntervalSeconds,
        maxIntervalSeconds, seconds, Math.max(seconds, maxRetrySeconds), stopTimeout, numWant);
  }
}
