package io.swarmtv.discovery.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DhtNode} runs.
 *
 * @param bindAddress the address to listen on, or null for every address
 * @param port the UDP port, 0 for any free one
 * @param bootstrap nodes to join through; {@link #PUBLIC_ROUTERS} in real homes, empty or loopback
 *     nodes with {@code --no-public} and in tests
 * @param dataDirectory where the node table is kept between runs, or null to keep nothing
 * @param retrackInterval how often a tracked info-hash is looked up and announced again
 * @param saveInterval how often the node table is saved while running
 */
public record DhtSettings(InetAddress bindAddress, int port, List<InetSocketAddress> bootstrap,
    Path dataDirectory, Duration retrackInterval, Duration saveInterval) {
  /** The public routers that real homes bootstrap from; resolved when the node starts. */
  public static final List<InetSocketAddress> PUBLIC_ROUTERS = List.of(
      InetSocketAddress.createUnresolved("router.bittorrent.com", 6881),
      InetSocketAddress.createUnresolved("dht.transmissionbt.com", 6881),
      InetSocketAddress.createUnresolved("router.utorrent.com", 6881));
  /** BEP 5 asks for announces to be renewed within 15 minutes; 5 keeps us well inside. */
  public static final Duration DEFAULT_RETRACK = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SAVE = Duration.ofMinutes(5);

  public DhtSettings {
    bootstrap = List.copyOf(bootstrap);
    Objects.requireNonNull(retrackInterval, "retrackInterval");
    Objects.requireNonNull(saveInterval, "saveInterval");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("DHT port " + port + " is outside 0..65535");
    }
    if (retrackInterval.isNegative() || retrackInterval.isZero() || saveInterval.isNegative() || saveInterval.isZero()) {
      throw new IllegalArgumentException("DHT intervals must be positive");
    }
  }

  /** Settings with the default intervals. */
  public static DhtSettings of(InetAddress bindAddress, int port, List<InetSocketAddress> bootstrap, Path dataDirectory) {
    return new DhtSettings(bindAddress, port, bootstrap, dataDirectory, DEFAULT_RETRACK, DEFAULT_SAVE);
  }

  /** These settings with another retrack interval. */
  public DhtSettings withRetrackInterval(Duration interval) {
    return new DhtSettings(bindAddress, port, bootstrap, dataDirectory, interval, saveInterval);
  }
}
