package io.swarmtv.discovery;

import io.swarmtv.discovery.tracker.TrackerSession;
import io.swarmtv.swarm.PeerSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finding one channel's peers from every source at once: its trackers (sessions ticked by the
 * {@link PeerDiscovery} that made it) and the {@link PeerFinder}s (LAN, DHT). Every address found
 * goes to one {@code BiConsumer} with its {@link PeerSource}, except our own. Closing it leaves:
 * trackers are told {@code stopped}, waiting for them no longer than the settings allow.
 */
public final class ChannelDiscovery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelDiscovery.class);

  private final InfoHash infoHash;
  private final int port;
  private final List<TrackerSession> sessions;
  private final List<PeerSource> otherSources = new ArrayList<>();
  private final List<AutoCloseable> finders = new ArrayList<>();
  private final long stopTimeoutMillis;
  private final Runnable onClose;
  private volatile boolean closed;

  ChannelDiscovery(InfoHash infoHash, int port, List<TrackerSession> sessions, Map<PeerSource, PeerFinder> others,
      BiConsumer<InetSocketAddress, PeerSource> found, long stopTimeoutMillis, Runnable onClose) {
    this.infoHash = infoHash;
    this.port = port;
    this.sessions = List.copyOf(sessions);
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.onClose = onClose;
    others.forEach((source, finder) -> {
      try {
        finders.add(finder.track(infoHash, port, address -> deliver(found, address, source)));
        otherSources.add(source);
      } catch (RuntimeException e) {
        log.warn("channel {}: {} discovery did not start: {}", infoHash, source, e.getMessage());
      }
    });
  }

  /** Hands {@code address} on unless we are closed or it is ourselves (a tracker may list us). */
  void deliver(BiConsumer<InetSocketAddress, PeerSource> found, InetSocketAddress address, PeerSource source) {
    if (!closed && !isSelf(address)) {
      found.accept(address, source);
    }
  }

  private boolean isSelf(InetSocketAddress address) {
    if (address.getPort() != port) {
      return false;
    }
    InetAddress ip = address.getAddress();
    if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(ip) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  /** The swarm this finds peers for. */
  public InfoHash infoHash() {
    return infoHash;
  }

  /** Announces to the trackers that are due; called by {@link PeerDiscovery}'s timer. */
  void tick() {
    if (!closed) {
      sessions.forEach(TrackerSession::tick);
    }
  }

  /** Each tracker's state and the other sources running, now. */
  public DiscoveryStatus status() {
    return new DiscoveryStatus(sessions.stream().map(TrackerSession::status).toList(), otherSources);
  }

  /** Leaves: the other sources stop, and the trackers that know us are told {@code stopped}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.run();
    for (AutoCloseable f : finders) {
      try {
        f.close();
      } catch (Exception e) {
        log.debug("channel {}: closing a peer finder failed: {}", infoHash, e.toString());
      }
    }
    CompletableFuture<?>[] stops = sessions.stream().map(TrackerSession::stop).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(stops).get(stopTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info("channel {}: not every tracker took our leaving within {} ms", infoHash, stopTimeoutMillis);
    } catch (ExecutionException e) {
      log.debug("channel {}: leaving: {}", infoHash, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
