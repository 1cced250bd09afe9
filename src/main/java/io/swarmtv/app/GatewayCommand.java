package io.swarmtv.app;

import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.InvalidLinkException;
import io.swarmtv.config.AtomicFile;
import io.swarmtv.config.ConfigException;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.dlna.DlnaChannel;
import io.swarmtv.dlna.LiveStreamFormat;
import io.swarmtv.dlna.MediaServer;
import io.swarmtv.dlna.MediaServerSettings;
import io.swarmtv.dlna.PortMapper;
import io.swarmtv.dlna.StreamFeatures;
import io.swarmtv.dlna.UpnpStack;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.web.GatewayHttpServer;
import io.swarmtv.web.ChannelOpeningHandler;
import io.swarmtv.web.ChannelStatus;
import io.swarmtv.web.ManagementHandler;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.PeerTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv gateway}: the home appliance, joining channels' swarms for the household. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {
      "Joins channels' swarms on behalf of the household: finds peers (trackers, the Mainline DHT,",
      "the home network, --peer), receives, verifies and relays their chunks, and serves them to",
      "the household's players: live HLS (LL-HLS) at /hls/CHANNEL/index.m3u8, a continuous MPEG-TS",
      "stream at /ts/CHANNEL, an M3U of every channel at /playlist.m3u, a DLNA MediaServer that",
      "smart TVs list by themselves, and a management page at /.",
      "",
      "Settings also come from swarmtv.conf in the data directory (written with every setting and",
      "its default on first start); a flag overrides the file."
    })
final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** An unpinned channel no one watched for this long is left. */
  static final long IDLE_MICROS = 5 * 60 * 1_000_000L;

  /** The config file's name in the data directory. */
  static final String CONFIG_FILE = "swarmtv.conf";
  /** Options that are not settings of the config file: where it is, and what this run does. */
  static final Set<String> NOT_SETTINGS = Set.of("--data", "--join", "--ready-file", "--stop-after");

  @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
      description = "Where the channel list, settings and " + CONFIG_FILE + " are kept (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--join", paramLabel = "LINK",
      description = "A channel link to add to the list and join (swarmtv:...); repeatable.")
  List<String> links = new ArrayList<>();

  @Option(names = "--peer", paramLabel = "HOST:PORT", converter = HostPort.class, split = ",",
      description = "A peer of the channels to connect to, such as the broadcaster; repeatable.")
  List<InetSocketAddress> peers = new ArrayList<>();

  @Option(names = "--peer-port", paramLabel = "PORT", defaultValue = "6881",
      description = "TCP port other peers connect to (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int peerPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this local address only (default: all).")
  InetAddress bind;

  @Option(names = "--upload-limit", paramLabel = "MBIT", defaultValue = "0",
      description = "Upload to other peers at most this many Mbit/s in all, for each channel (default: no limit).")
  double uploadLimitMbit;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "TCP port players fetch HLS, MPEG-TS and the M3U from (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int httpPort;

  @Option(names = "--http-bind", paramLabel = "ADDRESS",
      description = "Serve HTTP on this local address only (default: all).")
  InetAddress httpBind;

  @CommandLine.Mixin DiscoveryOptions discovery;

  @Option(names = "--dlna-name", paramLabel = "NAME",
      description = "The name TVs list the gateway under (default: swarmtv on HOSTNAME).")
  String dlnaName;

  @Option(names = "--no-dlna", description = "Do not announce the channels to TVs over DLNA/UPnP.")
  boolean noDlna;

  @Option(names = "--no-port-mapping",
      description = "Do not ask the home router (UPnP IGD) to forward the peer port.")
  boolean noPortMapping;

  @Option(names = "--ready-file", paramLabel = "FILE",
      description = "Write the page's URL to FILE once every port is open (for service managers).")
  Path readyFile;

  @CommandLine.Mixin StopAfterOption stopAfter;

  private static final String DEFAULT_DATA = "${sys:user.home}/.swarmtv";

  /**
   * Reads the gateway's config file before the command line is parsed, if {@code args} run the
   * gateway: the file is found through {@code --data}, which therefore cannot be a setting.
   */
  static void readConfig(CommandLine root, String[] args) throws ConfigException {
    int at = java.util.Arrays.asList(args).indexOf("gateway");
    if (at < 0) {
      return;
    }
    Path data = null;
    for (int i = at + 1; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) {
        data = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--data=")) {
        data = Path.of(args[i].substring("--data=".length()));
      }
    }
    if (data == null) {
      data = Path.of(System.getProperty("user.home"), ".swarmtv");
    }
    ConfigDefaults.install(root.getSubcommands().get("gateway").getCommandSpec(), data.resolve(CONFIG_FILE),
        NOT_SETTINGS);
  }

  @Override
  public Integer call() throws Exception {
    Duration limit = stopAfter.duration();
    List<ChannelLink> channels = new ArrayList<>();
    for (String text : links) {
      try {
        ChannelLink link = ChannelLink.parse(text);
        if (channels.stream().anyMatch(c -> c.id().equals(link.id()))) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--join names channel " + link.id() + " twice");
        }
        channels.add(link);
      } catch (InvalidLinkException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--join: " + e.getMessage());
      }
    }
    if (!(uploadLimitMbit >= 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--upload-limit must be 0 (none) or a positive Mbit/s");
    }
    SwarmSettings settings = SwarmSettings.DEFAULT.withUploadLimit(Math.round(uploadLimitMbit * 1e6 / 8));
    PrintWriter err = spec.commandLine().getErr();
    MicrosClock clock = MicrosClock.system();
    writeConfigTemplate(err);
    ChannelDirectory served = new ChannelDirectory();
    try (PeerTransport transport = PeerTransports.start(peerPort, bind, "--peer-port");
        PeerDiscovery found = discovery.start(clock, err, bind, transport.port(), dataDir);
        GatewayRuntime runtime = openRuntime(transport, ChannelPeers.discovering(peers, found), settings, clock, served);
        GatewayHttpServer http = HttpPorts.start(httpBind, httpPort, "--http-port", served,
            new ManagementHandler(runtime), new ChannelOpeningHandler(runtime));
        Lan lan = startLan(transport.port(), http.port(), runtime, served, clock, err);
        Foreground fg = new Foreground()) {
      channels.forEach(runtime::ensureListed);
      runtime.startTicking();
      List<ChannelStatus> listed = runtime.channels();
      err.println("gateway: data in " + dataDir + ", peer port " + transport.port() + ", HTTP port " + http.port()
          + ", " + listed.size() + " channel" + (listed.size() == 1 ? "" : "s") + " listed; Ctrl-C stops");
      String base = HttpPorts.base(httpBind, http.port());
      err.println("management page: " + base + "/");
      for (ChannelStatus c : listed) {
        HttpPorts.printUrls(err, base, c.id(), c.name());
      }
      err.println("all channels (M3U): " + base + "/playlist.m3u");
      err.flush();
      if (readyFile != null) {
        AtomicFile.replace(readyFile, (base + "/\n").getBytes(StandardCharsets.UTF_8));
      }
      Runnable status = () -> {
        runtime.printStatus(err);
        lan.printStatus(err);
      };
      try {
        fg.await(limit, () -> true, status);
      } finally {
        err.println("stopped; in all:");
        status.run();
      }
    }
    return 0;
  }

  private GatewayRuntime openRuntime(PeerTransport transport, ChannelPeers channelPeers, SwarmSettings settings,
      MicrosClock clock, ChannelDirectory served) {
    try {
      return GatewayRuntime.open(dataDir, transport, channelPeers, settings, HlsSettings.DEFAULT, clock, IDLE_MICROS,
          served);
    } catch (ConfigException e) {
      throw new UserException(e.getMessage() + "; fix or move it, or choose another --data directory", e);
    }
  }

  /** Writes the config file with every setting at its default, the first time the gateway starts. */
  private void writeConfigTemplate(PrintWriter err) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(CONFIG_FILE);
    if (Files.exists(file)) {
      return;
    }
    try {
      AtomicFile.createNew(file, ConfigDefaults.template(spec, NOT_SETTINGS).getBytes(StandardCharsets.UTF_8));
      err.println("wrote " + file + ": every setting at its default, to edit");
    } catch (FileAlreadyExistsException raced) {
      // another gateway on the same directory wrote it first
    }
  }

  /** DLNA and port mapping, which share one UPnP stack on the LAN interfaces. */
  private Lan startLan(int peerPort, int httpPort, GatewayRuntime runtime, ChannelDirectory served, MicrosClock clock,
      PrintWriter err) {
    if (noDlna && noPortMapping) {
      return Lan.NONE;
    }
    UpnpStack upnp;
    try {
      upnp = UpnpStack.start(discovery.interfaces, 0);
    } catch (IllegalArgumentException e) {
      if (discovery.interfaces.isEmpty()) {
        // A machine with no home network (offline, a container) still serves HLS on its own.
        err.println("DLNA and port mapping: off (" + e.getMessage() + ")");
        return Lan.NONE;
      }
      throw new UserException("UPnP (DLNA, port mapping): " + e.getMessage()
          + "; name LAN interfaces with --interface, or use --no-dlna --no-port-mapping");
    } catch (IllegalStateException e) {
      throw new UserException("UPnP (DLNA, port mapping): " + e.getMessage()
          + "; name LAN interfaces with --interface, or use --no-dlna --no-port-mapping");
    }
    MediaServer dlna = null;
    PortMapper mapper = null;
    try {
      if (!noDlna) {
        String name = dlnaName != null ? dlnaName : MediaServerSettings.defaultName();
        dlna = MediaServer.start(upnp, new MediaServerSettings(name, dataDir, httpPort, StreamFeatures.live()),
            dlnaChannels(runtime, served));
        MediaServer server = dlna;
        runtime.onUpdate(() -> server.updateChannels(dlnaChannels(runtime, served)));
        err.println("DLNA: TVs list the channels under \"" + name + "\" (on " + String.join(", ", upnp.interfaces()) + ")");
      }
      if (!noPortMapping) {
        mapper = PortMapper.start(upnp, peerPort, "swarmtv peer port", Duration.ofHours(1), clock);
      }
    } catch (IOException | RuntimeException e) {
      if (dlna != null) {
        dlna.close();
      }
      upnp.close();
      throw new UserException("UPnP (DLNA, port mapping) did not start: " + e.getMessage(), e);
    }
    return new Lan(upnp, dlna, mapper);
  }

  /** The listed channels as TVs see them; a joined one's stream format once it is known. */
  private static List<DlnaChannel> dlnaChannels(GatewayRuntime runtime, ChannelDirectory served) {
    List<DlnaChannel> out = new ArrayList<>();
    for (ChannelStatus c : runtime.channels()) {
      if (!c.stopped()) {
        ChannelHls hls = served.get(c.id());
        LiveStreamFormat format = hls == null || hls.videoFormat() == null ? null
            : new LiveStreamFormat(hls.videoFormat(), hls.audioTypes());
        out.add(new DlnaChannel(c.id(), c.name(), c.logo() == null ? null : URI.create(c.logo()), format));
      }
    }
    return out;
  }

  /** The gateway's UPnP side: the stack, the MediaServer and the router's port mapping, each optional. */
  private record Lan(UpnpStack upnp, MediaServer dlna, PortMapper mapper) implements AutoCloseable {
    static final Lan NONE = new Lan(null, null, null);

    void printStatus(PrintWriter err) {
      if (mapper != null) {
        err.println("port mapping: " + mapper.status().summary());
        err.flush();
      }
    }

    @Override
    public void close() {
      if (mapper != null) {
        mapper.close();
      }
      if (dlna != null) {
        dlna.close();
      }
      if (upnp != null) {
        upnp.close();
      }
    }
  }
}
