package io.swarmtv.discovery.tracker;

import io.swarmtv.ingest.MicrosClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel at one tracker: announces when its {@link AnnounceSchedule} says so ({@code started}
 * first, regular ones after), hands the peers each reply lists to {@code found}, keeps the
 * tracker's {@link TrackerStatus}, and says {@code stopped} when the channel is left.
 * {@link #tick} is called often (every second or so); it does nothing until an announce is due.
 */
public final class TrackerSession {
  private static final Logger log = LoggerFactory.getLogger(TrackerSession.class);

  private final URI tracker;
  private final TrackerClient client;
  private final AnnounceRequest request;
  private final MicrosClock clock;
  private final Consumer<List<InetSocketAddress>> found;
  private final AnnounceSchedule schedule;
  private boolean started;
  private boolean stopped;
  private long lastAnnounceMicros;
  private String lastError;
  private int peersReturned;
  private long announces;
  private long seeders = -1;
  private long leechers = -1;

  public TrackerSession(URI tracker, TrackerClient client, AnnounceRequest request, TrackerSettings settings,
      MicrosClock clock, Consumer<List<InetSocketAddress>> found) {
    this.tracker = tracker;
    this.client = client;
    this.request = request;
    this.clock = clock;
    this.found = found;
    this.schedule = new AnnounceSchedule(settings, clock.nowMicros());
  }

  /** The tracker's URL. */
  public URI tracker() {
    return tracker;
  }

  /** Announces if one is due and none is in flight. */
  public void tick() {
    AnnounceRequest r;
    synchronized (this) {
      if (stopped || !schedule.due(clock.nowMicros())) {
        return;
      }
      schedule.sent();
      r = request.withEvent(started ? AnnounceEvent.NONE : AnnounceEvent.STARTED);
    }
    CompletableFuture<AnnounceReply> reply;
    try {
      reply = client.announce(tracker, r);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(this::answered);
  }

  private void answered(AnnounceReply reply, Throwable error) {
    List<InetSocketAddress> peers;
    synchronized (this) {
      long now = clock.nowMicros();
      if (error != null) {
        lastError = message(error);
        long next = schedule.failed(now);
        log.warn("tracker {}: {}; trying again in {} s", tracker, lastError, (next - now) / 1_000_000);
        return;
      }
      started = true;
      lastError = null;
      lastAnnounceMicros = now;
      peersReturned = reply.peers().size();
      announces++;
      seeders = reply.seeders();
      leechers = reply.leechers();
      schedule.succeeded(now, reply.intervalSeconds(), reply.minIntervalSeconds());
      if (reply.warning() != null) {
        log.warn("tracker {} warns: {}", tracker, reply.warning());
      }
      log.debug("tracker {}: {} peers, next announce in {} s", tracker, peersReturned,
          (schedule.nextMicros() - now) / 1_000_000);
      peers = stopped ? List.of() : reply.peers();
    }
    if (!peers.isEmpty()) {
      found.accept(peers);
    }
  }

  /** Why a call failed, in one line: the tracker's own words when it gave any. */
  static String message(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof TrackerException ? t.getMessage() : t.toString();
  }

  /**
   * Stops announcing and, if the tracker knows us, tells it we left; the future completes when it
   * answered or failed (the caller bounds the wait).
   */
  public CompletableFuture<Void> stop() {
    synchronized (this) {
      if (stopped) {
        return CompletableFuture.completedFuture(null);
      }
      stopped = true;
      if (!started) {
        return CompletableFuture.completedFuture(null);
      }
    }
    try {
      return client.announce(tracker, request.withEvent(AnnounceEvent.STOPPED))
          .handle((r, e) -> {
            if (e != null) {
              log.debug("tracker {}: stopped announce failed: {}", tracker, message(e));
            }
            return null;
          });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** The tracker's state now. */
  public synchronized TrackerStatus status() {
    return new TrackerStatus(tracker, lastAnnounceMicros, lastError, peersReturned,
        stopped ? 0 : schedule.nextMicros(), announces, schedule.failures(), seeders, leechers);
  }
}
