package io.swarmtv.discovery;

import io.swarmtv.discovery.tracker.AnnounceEvent;
import io.swarmtv.discovery.tracker.AnnounceRequest;
import io.swarmtv.discovery.tracker.PeerIdBytes;
import io.swarmtv.discovery.tracker.TrackerClient;
import io.swarmtv.discovery.tracker.TrackerClients;
import io.swarmtv.discovery.tracker.TrackerSession;
import io.swarmtv.discovery.tracker.TrackerSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer discovery for the whole process: the trackers every channel uses (the public defaults
 * unless turned off, plus {@code --tracker}s), the tracker clients, and the other
 * {@link PeerFinder}s (LAN, and the DHT when it is added with {@link #addFinder}). {@link #join}
 * starts finding one channel's peers; one timer ticks every channel's tracker sessions.
 */
public final class PeerDiscovery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerDiscovery.class);
  /** How often tracker sessions are asked whether an announce is due. */
  static final long TICK_MILLIS = 250;

  private final List<URI> trackers;
  private final TrackerClient client;
  private final TrackerSettings settings;
  private final MicrosClock clock;
  private final PeerIdBytes peerId;
  private final int key;
  private final Map<PeerSource, PeerFinder> finders = new LinkedHashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final List<ChannelDiscovery> channels = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;

  private PeerDiscovery(List<URI> trackers, TrackerClient client, TrackerSettings settings, MicrosClock clock) {
    this.trackers = List.copyOf(new LinkedHashSet<>(trackers));
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    // Not a secret: trackers see it in clear. ThreadLocalRandom spares startup the seeding of a
    // SecureRandom (a tenth of a second and more on a loaded machine).
    java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
    this.peerId = PeerIdBytes.random(random);
    this.key = random.nextInt();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "swarmtv-discovery");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Discovery that announces every channel to {@code trackers} (and to each link's own) through
   * {@code client}.
   */
  public static PeerDiscovery start(List<URI> trackers, TrackerClient client, TrackerSettings settings,
      MicrosClock clock) {
    return new PeerDiscovery(trackers, client, settings, clock);
  }

  /** Discovery with its own tracker clients, closed with it. */
  public static PeerDiscovery start(List<URI> trackers, TrackerSettings settings, MicrosClock clock) {
    TrackerClients clients = TrackerClients.start(settings, clock);
    PeerDiscovery d = new PeerDiscovery(trackers, clients, settings, clock);
    d.closeWith(clients);
    return d;
  }

  /** Adds a source (LAN, DHT) for the channels joined from now on. */
  public synchronized PeerDiscovery addFinder(PeerSource source, PeerFinder finder) {
    finders.put(source, finder);
    return this;
  }

  /** Closes {@code resource} when this closes, after every channel has left. */
  public synchronized PeerDiscovery closeWith(AutoCloseable resource) {
    owned.add(resource);
    return this;
  }

  /** The trackers every channel announces to. */
  public List<URI> trackers() {
    return trackers;
  }

  /** The other sources channels use. */
  public synchronized Set<PeerSource> finders() {
    return Set.copyOf(finders.keySet());
  }

  /**
   * Starts finding the peers of {@code infoHash}'s swarm, which we serve on TCP {@code port}.
   *
   * @param linkTrackers the channel link's own trackers, used besides the common ones
   * @param source true for the broadcaster, which tells trackers it has everything
   * @param found where each address goes, with its source; called on discovery threads
   */
  public ChannelDiscovery join(InfoHash infoHash, int port, List<URI> linkTrackers, boolean source,
      BiConsumer<InetSocketAddress, PeerSource> found) {
    Set<URI> all = new LinkedHashSet<>(trackers);
    all.addAll(linkTrackers);
    AnnounceRequest request = new AnnounceRequest(infoHash, peerId, port, AnnounceEvent.STARTED, source ? 0 : 1,
        settings.numWant(), key);
    List<TrackerSession> sessions = new ArrayList<>();
    ChannelDiscovery[] self = new ChannelDiscovery[1];
    for (URI tracker : all) {
      if (!TrackerClients.supports(tracker)) {
        log.warn("channel {}: tracker {} skipped: not an http, https or udp URL", infoHash, tracker);
        continue;
      }
      sessions.add(new TrackerSession(tracker, client, request, settings, clock,
          peers -> peers.forEach(p -> self[0].deliver(found, p, PeerSource.TRACKER))));
    }
    Map<PeerSource, PeerFinder> others;
    synchronized (this) {
      others = new LinkedHashMap<>(finders);
    }
    ChannelDiscovery channel = new ChannelDiscovery(infoHash, port, sessions, others, found,
        settings.stopTimeout().toMillis(), () -> channels.remove(self[0]));
    self[0] = channel;
    channels.add(channel);
    timer.execute(channel::tick); // announce now rather than at the next tick
    return channel;
  }

  private void tick() {
    for (ChannelDiscovery c : channels) {
      try {
        c.tick();
      } catch (RuntimeException e) {
        log.error("discovery tick failed for channel {}", c.infoHash(), e);
      }
    }
  }

  /** Every channel still joined leaves (trackers told), then the clients and finders close. */
  @Override
  public void close() {
    channels.forEach(ChannelDiscovery::close);
    timer.shutdownNow();
    List<AutoCloseable> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(owned);
    }
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("closing {} failed: {}", c, e.toString());
      }
    }
  }
}
