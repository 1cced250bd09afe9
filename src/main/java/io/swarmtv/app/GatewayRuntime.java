package io.swarmtv.app;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.config.ChannelEntry;
import io.swarmtv.config.ChannelList;
import io.swarmtv.config.ConfigException;
import io.swarmtv.config.GatewaySettings;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.hls.Segment;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.SwarmStats;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.web.ChannelChange;
import io.swarmtv.web.ChannelConflictException;
import io.swarmtv.web.ChannelOpener;
import io.swarmtv.web.ChannelStatus;
import io.swarmtv.web.GatewayControl;
import io.swarmtv.web.GatewayStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway's channels: the household's list in the data directory, and for each
 * listed channel that is wanted a joined {@link ChannelSwarm} feeding its {@link ChannelHls} in
 * the {@link ChannelDirectory} the web server serves.
 *
 * <p>A channel is joined when it is added or started, when it is pinned, and when a player asks
 * for it ({@link #open}); it is left when removed or stopped, and after {@code idle} with no
 * viewer unless pinned. Changing the list, from any thread, joins and leaves at once.
 */
public final class GatewayRuntime implements GatewayControl, ChannelOpener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayRuntime.class);
  /** An HLS player counts as watching this long after its last request. */
  static final long HLS_VIEWER_MICROS = 10_000_000;
  /** How often rates are measured, idle channels left and open pages updated. */
  static final long TICK_MICROS = 1_000_000;

  private final Path dataDir;
  private final ChannelList list;
  private final PeerTransport transport;
  private final ChannelPeers peers;
  private final HlsSettings hlsSettings;
  private final MicrosClock clock;
  private final long idleMicros;
  private final long startMicros;
  private final ChannelDirectory directory;
  private final HlsViewers hlsViewers = new HlsViewers(HLS_VIEWER_MICROS);
  private final Map<ChannelId, JoinedChannel> joined = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile SwarmSettings swarmSettings;
  private ScheduledExecutorService ticker;
  private boolean closed;

  private GatewayRuntime(Path dataDir, ChannelList list, PeerTransport transport, ChannelPeers peers,
      SwarmSettings swarmSettings, HlsSettings hlsSettings, MicrosClock clock, long idleMicros,
      ChannelDirectory directory) {
    this.dataDir = dataDir;
    this.list = list;
    this.transport = transport;
    this.peers = peers;
    this.swarmSettings = swarmSettings;
    this.hlsSettings = hlsSettings;
    this.clock = clock;
    this.idleMicros = idleMicros;
    this.startMicros = clock.nowMicros();
    this.directory = directory;
  }

  /**
   * Opens the channel list and settings in {@code dataDir} and joins the pinned channels. Call
   * {@link #startTicking} to have idle channels left and figures pushed.
   *
   * @param peers how a joined channel finds its peers (the user's {@code --peer}s, discovery)
   * @param swarmSettings settings for each swarm; a saved upload limit replaces theirs
   * @param idleMicros how long an unpinned channel stays joined with no viewer
   * @param directory where joined channels are served from
   * @throws ConfigException when a file in the data directory is unusable
   */
  public static GatewayRuntime open(Path dataDir, PeerTransport transport, ChannelPeers peers,
      SwarmSettings swarmSettings, HlsSettings hlsSettings, MicrosClock clock, long idleMicros,
      ChannelDirectory directory) throws ConfigException {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new ConfigException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    ChannelList list = ChannelList.open(dataDir);
    Optional<GatewaySettings> saved = GatewaySettings.load(dataDir);
    SwarmSettings settings = saved.map(s -> swarmSettings.withUploadLimit(s.uploadLimitBytesPerSecond()))
        .orElse(swarmSettings);
    GatewayRuntime runtime = new GatewayRuntime(dataDir, list, transport, peers, settings, hlsSettings, clock,
        idleMicros, directory);
    list.onChange(runtime::listChanged);
    runtime.listChanged(list.entries());
    return runtime;
  }

  /** Ticks every second on a thread of its own until closed. */
  public synchronized void startTicking() {
    if (ticker != null || closed) {
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gateway ticks");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        log.error("gateway tick failed", e);
      }
    }, TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS);
  }

  /** Measures rates, leaves channels idle for too long and tells listeners; {@link #startTicking} calls it. */
  void tick() {
    long now = clock.nowMicros();
    List<ChannelId> idle = new ArrayList<>();
    for (Map.Entry<ChannelId, JoinedChannel> e : joinedNow().entrySet()) {
      JoinedChannel j = e.getValue();
      j.measure(j.swarm.stats(), now);
      if (viewers(j, now) > 0) {
        j.watched(now);
      } else if (j.idleMicros(now) >= idleMicros && !list.get(e.getKey()).map(ChannelEntry::pinned).orElse(false)) {
        idle.add(e.getKey());
      }
    }
    for (ChannelId id : idle) {
      log.info("channel {}: no one watched for {} s, leaving its swarm", id, idleMicros / 1_000_000);
      leave(id);
    }
    updated();
  }

  /** Lists {@code link} if it is not listed yet, and joins it unless stopped (the {@code --join} option). */
  public void ensureListed(ChannelLink link) {
    if (list.get(link.id()).isEmpty()) {
      list.add(link, null, null, System.currentTimeMillis());
    }
    list.get(link.id()).filter(e -> !e.stopped()).ifPresent(this::join);
  }

  // --- ChannelOpener: the media handlers' lookup ---

  @Override
  public ChannelHls open(String id, String hlsClient) {
    ChannelHls hls = directory.get(id);
    Optional<ChannelEntry> entry = entry(id);
    if (hls == null) {
      if (entry.isEmpty() || entry.get().stopped()) {
        return null;
      }
      hls = join(entry.get()).hls;
    }
    if (hlsClient != null && entry.isPresent()) {
      long now = clock.nowMicros();
      hlsViewers.seen(id, hlsClient, now);
      JoinedChannel j;
      synchronized (this) {
        j = joined.get(entry.get().id());
      }
      if (j != null) {
        j.watched(now);
      }
    }
    return hls;
  }

  // --- GatewayControl: the API's view ---

  @Override
  public List<ChannelStatus> channels() {
    return list.entries().stream().map(this::status).toList();
  }

  @Override
  public Optional<ChannelStatus> channel(String id) {
    return entry(id).map(this::status);
  }

  @Override
  public ChannelStatus add(String link, String name, String logo) {
    ChannelLink parsed = ChannelLink.parse(link);
    URI logoUri = null;
    if (logo != null && !logo.isBlank()) {
      try {
        logoUri = new URI(logo.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the logo is not a URL: " + e.getMessage());
      }
    }
    if (list.get(parsed.id()).isPresent()) {
      throw new ChannelConflictException("channel " + parsed.id() + " is already in the list");
    }
    ChannelEntry entry;
    try {
      entry = list.add(parsed, name, logoUri, System.currentTimeMillis());
    } catch (UncheckedIOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    join(entry);
    return status(list.get(entry.id()).orElse(entry));
  }

  @Override
  public boolean remove(String id) {
    return entry(id).map(e -> list.remove(e.id())).orElse(false);
  }

  @Override
  public Optional<ChannelStatus> change(String id, ChannelChange change) {
    Optional<ChannelEntry> entry = entry(id);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Optional<ChannelEntry> changed = list.update(entry.get().id(), e -> {
      ChannelEntry c = e;
      if (change.rename()) {
        c = c.withName(change.name());
      }
      if (change.pinned() != null) {
        c = c.withPinned(change.pinned());
      }
      if (change.stopped() != null) {
        c = c.withStopped(change.stopped());
      }
      return c;
    });
    if (Boolean.FALSE.equals(change.stopped())) {
      changed.ifPresent(this::join); // started: join now, as when it was added
    }
    return changed.map(e -> status(list.get(e.id()).orElse(e)));
  }

  @Override
  public GatewayStatus gateway() {
    int n;
    synchronized (this) {
      n = joined.size();
    }
    Runtime jvm = Runtime.getRuntime();
    return new GatewayStatus(VersionInfo.version(), (clock.nowMicros() - startMicros) / 1_000_000, transport.port(),
        null, swarmSettings.uploadLimit(), dataBytes(), jvm.totalMemory() - jvm.freeMemory(), list.entries().size(), n);
  }

  /** Applies to channels joined from now on: a swarm's limit is fixed while it runs. */
  @Override
  public GatewayStatus setUploadLimit(long bytesPerSecond) {
    GatewaySettings settings = new GatewaySettings(bytesPerSecond);
    synchronized (this) {
      try {
        settings.save(dataDir);
      } catch (IOException e) {
        throw new IllegalStateException("could not save the settings in " + dataDir + ": " + e.getMessage(), e);
      }
      swarmSettings = swarmSettings.withUploadLimit(bytesPerSecond);
    }
    updated();
    return gateway();
  }

  @Override
  public void onUpdate(Runnable listener) {
    listeners.add(listener);
  }

  /** One status line per joined channel, for the gateway's foreground output. */
  public void printStatus(PrintWriter out) {
    for (Map.Entry<ChannelId, JoinedChannel> e : joinedNow().entrySet()) {
      SwarmStatus.print(out, label(e.getKey(), e.getValue().swarm), e.getValue().swarm.stats());
      String search = e.getValue().search.describe(clock.nowMicros());
      if (!search.isEmpty()) {
        out.println("  " + search);
      }
    }
    out.flush();
  }

  /** The channel list this runtime keeps. */
  public ChannelList list() {
    return list;
  }

  /** Leaves every channel and stops ticking. */
  @Override
  public void close() {
    List<ChannelId> ids;
    synchronized (this) {
      closed = true;
      if (ticker != null) {
        ticker.shutdownNow();
      }
      ids = new ArrayList<>(joined.keySet());
    }
    ids.forEach(this::leave);
  }

  // --- joining and leaving ---

  private void listChanged(List<ChannelEntry> entries) {
    Map<ChannelId, ChannelEntry> wanted = new LinkedHashMap<>();
    entries.forEach(e -> wanted.put(e.id(), e));
    for (ChannelId id : joinedNow().keySet()) {
      ChannelEntry e = wanted.get(id);
      if (e == null || e.stopped()) {
        leave(id);
      }
    }
    for (ChannelEntry e : entries) {
      if (e.pinned() && !e.stopped()) {
        join(e);
      }
    }
    updated();
  }

  private JoinedChannel join(ChannelEntry entry) {
    JoinedChannel j;
    synchronized (this) {
      j = joined.get(entry.id());
      if (j != null) {
        return j;
      }
      if (closed) {
        throw new IllegalStateException("the gateway is stopping");
      }
      ChannelLink link = entry.link();
      String id = link.id().toString();
      ChannelSwarm[] swarm = new ChannelSwarm[1];
      ChannelHls hls = new ChannelHls(id, () -> label(link.id(), swarm[0]), hlsSettings, clock);
      swarm[0] = ChannelSwarm.peer(transport, link.id(), swarmSettings, clock, hls::accept);
      directory.add(hls);
      ChannelPeers.Search search = peers.find(link, transport.port(), swarm[0]::addPeer);
      j = new JoinedChannel(swarm[0], hls, search, clock.nowMicros());
      joined.put(entry.id(), j);
      log.info("joined channel {} ({})", id, entry.displayName());
    }
    updated();
    return j;
  }

  private void leave(ChannelId id) {
    JoinedChannel j;
    synchronized (this) {
      j = joined.remove(id);
    }
    if (j == null) {
      return;
    }
    directory.remove(id.toString());
    hlsViewers.forget(id.toString());
    j.search.close();
    j.swarm.close();
    log.info("left channel {}", id);
    updated();
  }

  private synchronized Map<ChannelId, JoinedChannel> joinedNow() {
    return new LinkedHashMap<>(joined);
  }

  private void updated() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.warn("an update listener failed", e);
      }
    }
  }

  // --- figures ---

  private Optional<ChannelEntry> entry(String id) {
    ChannelId parsed;
    try {
      parsed = ChannelId.parse(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return list.get(parsed);
  }

  /** The name to show: the household's, else the channel's signed name, else its link's. */
  private String label(ChannelId id, ChannelSwarm swarm) {
    Optional<ChannelEntry> e = list.get(id);
    if (e.isPresent() && e.get().name() != null) {
      return e.get().name();
    }
    ChannelMetadata m = swarm == null ? null : swarm.metadata();
    if (m != null) {
      return m.name();
    }
    return e.map(ChannelEntry::displayName).orElse(id.toString().substring(0, 12));
  }

  private int viewers(JoinedChannel j, long now) {
    return j.hls.streamClients() + hlsViewers.count(j.hls.id(), now);
  }

  private ChannelStatus status(ChannelEntry e) {
    JoinedChannel j;
    synchronized (this) {
      j = joined.get(e.id());
    }
    String id = e.id().toString();
    if (j == null) {
      return new ChannelStatus(id, e.displayName(), e.name(), e.link().toString(), logo(e), e.pinned(), e.stopped(),
          false, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    SwarmStats s = j.swarm.stats();
    Map<String, Integer> sources = new LinkedHashMap<>();
    j.swarm.peerSources().forEach((source, n) -> sources.put(source.name().toLowerCase(Locale.ROOT), n));
    long buffer = j.hls.window().segments().stream().filter(g -> !g.gap()).mapToLong(Segment::durationMillis).sum();
    return new ChannelStatus(id, label(e.id(), j.swarm), e.name(), e.link().toString(), logo(e), e.pinned(),
        e.stopped(), true, viewers(j, clock.nowMicros()), sources, s.peers(), j.downBitsPerSecond(),
        j.upBitsPerSecond(), s.payloadBytesDown(), s.payloadBytesUp(), buffer, s.onTime(), s.late(), s.missing(),
        s.delayP50Micros() / 1000);
  }

  private static String logo(ChannelEntry e) {
    return e.logo() == null ? null : e.logo().toString();
  }

  private long dataBytes() {
    try (Stream<Path> files = Files.walk(dataDir, 3)) {
      return files.filter(Files::isRegularFile).limit(10_000).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException ex) {
          return 0; // went away while counting
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
