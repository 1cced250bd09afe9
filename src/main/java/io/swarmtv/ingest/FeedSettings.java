package io.swarmtv.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How feeds are opened.
 *
 * @param loop start a file again at its end (file input only)
 * @param connectTimeout longest an HTTP connection attempt may take
 * @param stallTimeout longest an HTTP source may go without sending a byte (headers included)
 *     before the feed gives up on it
 */
public record FeedSettings(boolean loop, Duration connectTimeout, Duration stallTimeout) {

  public static final FeedSettings DEFAULT = new FeedSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(10));

  public FeedSettings {
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(stallTimeout);
    if (connectTimeout.isNegative() || connectTimeout.isZero() || stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("feed timeouts must be positive");
    }
  }

  public FeedSettings withLoop(boolean loop) {
    return new FeedSettings(loop, connectTimeout, stallTimeout);
  }

  public FeedSettings withStallTimeout(Duration stallTimeout) {
    return new FeedSettings(loop, connectTimeout, stallTimeout);
  }
}
