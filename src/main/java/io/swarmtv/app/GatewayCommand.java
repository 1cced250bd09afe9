package io.swarmtv.app;

import io.swarmtv.swarm.PeerSource;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.channel.InvalidLinkException;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.web.GatewayHttpServer;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv gateway}: the home appliance, joining channels' swarms for the household. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {
      "Joins channels' swarms on behalf of the household: receives, verifies and relays their",
      "chunks, and serves them to the household's players over HTTP: live HLS (LL-HLS) at",
      "/hls/CHANNEL/index.m3u8, a continuous MPEG-TS stream at /ts/CHANNEL and an M3U of every",
      "channel at /playlist.m3u. DLNA and finding peers by tracker, DHT and LAN come in later",
      "releases; today peers are given with --peer."
    })
final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--join", required = true, paramLabel = "LINK",
      description = "A channel link to join (swarmtv:...); repeatable.")
  List<String> links = new ArrayList<>();

  @Option(names = "--peer", paramLabel = "HOST:PORT", converter = HostPort.class,
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

  @CommandLine.Mixin StopAfterOption stopAfter;

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
    Map<ChannelLink, ChannelSwarm> swarms = new LinkedHashMap<>();
    ChannelDirectory served = new ChannelDirectory();
    try (PeerTransport transport = PeerTransports.start(peerPort, bind, "--peer-port");
        GatewayHttpServer http = HttpPorts.start(httpBind, httpPort, "--http-port", served);
        Foreground fg = new Foreground()) {
      for (ChannelLink link : channels) {
        AtomicReference<ChannelSwarm> joined = new AtomicReference<>();
        ChannelHls hls = new ChannelHls(link.id().toString(), () -> label(link, joined.get()), HlsSettings.DEFAULT, clock);
        ChannelSwarm swarm = ChannelSwarm.peer(transport, link.id(), settings, clock, hls::accept);
        joined.set(swarm);
        served.add(hls);
        swarms.put(link, swarm);
        peers.forEach(p -> swarm.addPeer(p, PeerSource.MANUAL));
      }
      err.println("gateway: peer port " + transport.port() + ", HTTP port " + http.port() + ", joined " + channels.size()
          + " channel" + (channels.size() == 1 ? "" : "s") + (peers.isEmpty() ? "; no --peer given, so no one to ask yet" : "")
          + "; Ctrl-C stops");
      String base = HttpPorts.base(httpBind, http.port());
      for (ChannelLink link : channels) {
        HttpPorts.printUrls(err, base, link.id().toString(), label(link, null));
      }
      err.println("all channels (M3U): " + base + "/playlist.m3u");
      err.flush();
      Runnable status = () -> swarms.forEach((link, swarm) -> SwarmStatus.print(err, label(link, swarm), swarm.stats()));
      try {
        fg.await(limit, () -> true, status);
      } finally {
        err.println("stopped; in all:");
        status.run();
        swarms.values().forEach(ChannelSwarm::close);
      }
    }
    return 0;
  }

  /** The channel's name: from its signed metadata once that came, else from its link. */
  private static String label(ChannelLink link, ChannelSwarm swarm) {
    ChannelMetadata m = swarm == null ? null : swarm.metadata();
    if (m != null) {
      return m.name();
    }
    return link.name() != null ? link.name() : link.id().toString().substring(0, 12);
  }
}
