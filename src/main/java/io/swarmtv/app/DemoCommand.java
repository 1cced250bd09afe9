package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.FeedProbe;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.PacedFeed;
import io.swarmtv.ingest.PcrPacer;
import io.swarmtv.ingest.ProbeReport;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.web.ChannelOpeningHandler;
import io.swarmtv.web.GatewayHttpServer;
import io.swarmtv.web.ManagementHandler;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Handler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv demo}: a channel from the bundled clip, live on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Runs a channel from the bundled looping clip on this machine: makes a throwaway channel",
      "key, describes the clip, broadcasts it live as signed chunks into a small swarm on",
      "loopback (three relay peers, and a viewer told only of the relays),",
      "and shows what the viewer receives. The viewer is a gateway: it serves the channel over",
      "HTTP on 127.0.0.1 as HLS (LL-HLS), as a continuous MPEG-TS stream and in an M3U, for",
      "ffplay, VLC or a browser."
    })
final class DemoCommand implements Callable<Integer> {
  static final String CHANNEL_NAME = "swarmtv demo";
  static final int RELAYS = 3;
  static final int DEFAULT_HTTP_PORT = 8080;

  @Spec CommandSpec spec;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port on 127.0.0.1 the viewer serves HLS, MPEG-TS and the M3U on (default: 8080, or a free one"
          + " when 8080 is taken; 0 picks a free one).")
  Integer httpPort;

  @CommandLine.Mixin StopAfterOption stopAfter;

  @Override
  public Integer call() throws Exception {
    var limit = stopAfter.duration();
    PrintWriter out = spec.commandLine().getOut();
    ChannelKey key = ChannelKey.generate();
    ChannelLink link = new ChannelLink(key.id(), CHANNEL_NAME, List.of());

    out.println("swarmtv demo: a live channel from the bundled clip, on this machine");
    out.println();
    out.println("channel link:  " + link);
    out.println("info-hash:     " + key.id().infoHashHex() + " (how trackers and the DHT will know its swarm)");
    describeClip(out);
    out.println();
    out.println("Broadcasting: the clip loops as one continuous stream, cut into chunks at keyframes");
    out.println("and 0.5 s parts, each signed with the channel key. Three relay peers join the");
    out.println("broadcaster; a viewer is told only of the relays and finds the rest by peer exchange.");
    out.println("Every peer verifies every chunk. All on 127.0.0.1. Ctrl-C stops.");
    out.flush();

    MicrosClock clock = MicrosClock.system();
    List<AutoCloseable> open = new ArrayList<>();
    try {
      PeerTransport sourcePort = loopbackTransport(open);
      ChannelSwarm source = ChannelSwarm.source(sourcePort, key.id(), SwarmSettings.DEFAULT, clock);
      open.add(0, source);
      List<InetSocketAddress> relays = new ArrayList<>();
      for (int i = 0; i < RELAYS; i++) {
        PeerTransport port = loopbackTransport(open);
        ChannelSwarm relay = ChannelSwarm.peer(port, key.id(), SwarmSettings.DEFAULT, clock, chunk -> { });
        open.add(0, relay);
        relay.addPeer(address(sourcePort), PeerSource.MANUAL);
        relays.add(address(port));
      }
      // The viewer is a gateway, as in a home: its own channel list (in a throwaway directory),
      // the page, the API and the players' URLs, told of the relays only.
      Path data = Files.createTempDirectory("swarmtv-demo-");
      open.add(() -> deleteTree(data));
      ChannelDirectory served = new ChannelDirectory();
      GatewayRuntime viewer = GatewayRuntime.open(data, loopbackTransport(open), ChannelPeers.fixed(relays),
          SwarmSettings.DEFAULT, HlsSettings.DEFAULT, clock, GatewayCommand.IDLE_MICROS, served);
      open.add(0, viewer);
      viewer.ensureListed(link);
      viewer.list().update(key.id(), e -> e.withPinned(true));
      viewer.startTicking();
      GatewayHttpServer http = startHttp(served, new ManagementHandler(viewer), new ChannelOpeningHandler(viewer));
      open.add(0, http);
      String base = HttpPorts.base(InetAddress.getLoopbackAddress(), http.port());
      out.println();
      out.println("The viewer is a gateway; open its page, or play the channel in any player:");
      out.println("  page:          " + base + "/");
      HttpPorts.printUrls(out, base, key.id().toString(), CHANNEL_NAME);
      out.println("  M3U:           " + base + "/playlist.m3u");
      out.println("  DLNA:          off in the demo, which stays on 127.0.0.1 (a gateway announces to the LAN's TVs)");
      out.println("  try:           ffplay " + base + "/hls/" + key.id() + "/index.m3u8   or   vlc " + base + "/ts/" + key.id());
      out.println();
      out.flush();
      ChannelAnnouncer announcer = new ChannelAnnouncer(key, CHANNEL_NAME, source::publish, clock);
      announcer.announce(0);
      PacedFeed feed = new PacedFeed("the bundled clip", TsLoop::demoClip, false, new PcrPacer(clock, Sleeper.system()));
      try (LiveChannel channel = LiveChannel.start(key, feed, ChunkerSettings.DEFAULT, clock, source::publish)) {
        LiveRun.run(channel, limit, out, () -> {
          announcer.announce(channel.stats());
          SwarmStatus.printSource(out, source.stats(), channel.stats().ingest().bytes());
          viewer.printStatus(out);
        });
      }
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
    return 0;
  }

  /** The viewer's web server on loopback: 8080 unless taken or --http-port says otherwise. */
  private GatewayHttpServer startHttp(ChannelDirectory served, Handler... front) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    if (httpPort != null) {
      return HttpPorts.start(lo, httpPort, "--http-port", served, front);
    }
    try {
      return HttpPorts.start(lo, DEFAULT_HTTP_PORT, "--http-port", served, front);
    } catch (UserException taken) {
      return HttpPorts.start(lo, 0, "--http-port", served, front); // a demo should run anywhere: any free port will do
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static PeerTransport loopbackTransport(List<AutoCloseable> open) throws java.io.IOException {
    PeerTransport t = PeerTransports.start(0, InetAddress.getLoopbackAddress(), "demo");
    open.add(t);
    return t;
  }

  private static InetSocketAddress address(PeerTransport t) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port());
  }

  /** One pass of the clip through the probe: what a broadcaster would check before going live. */
  private static void describeClip(PrintWriter out) throws java.io.IOException {
    FeedProbe probe = new FeedProbe(ChunkerSettings.DEFAULT, 0);
    try (TsLoop clip = TsLoop.demoClip()) {
      byte[] packet = new byte[TsPacket.SIZE];
      for (long i = 0; i < clip.packetsPerPass(); i++) {
        clip.read(packet, 0, 1);
        probe.accept(packet, 0);
      }
      ProbeReport r = probe.finish(0);
      out.printf(Locale.ROOT, "clip:          %.1f s loop, %d kbit/s%n", clip.loopDuration().toMillis() / 1000.0,
          clip.bitsPerSecond() / 1000);
      for (ProbeReport.Program p : r.programs()) {
        for (ProbeReport.Stream s : p.streams()) {
          out.printf(Locale.ROOT, "  %-5s %-5s %s%n", s.kind(), s.codec(), streamDetail(s));
        }
      }
      out.printf(Locale.ROOT, "chunks/pass:   %d (mean %.1f KiB), %d parts, %d segments%n", r.chunks().count(),
          r.chunks().averageBytes() / 1024, r.chunks().parts(), r.chunks().segments());
    }
  }

  private static String streamDetail(ProbeReport.Stream s) {
    StringBuilder b = new StringBuilder();
    if (s.width() != null) b.append(s.width()).append('x').append(s.height()).append(' ');
    if (s.frameRate() != null) b.append(String.format(Locale.ROOT, "%.2f fps ", s.frameRate()));
    if (s.profile() != null) b.append(s.profile()).append(' ');
    if (s.codecs() != null) b.append(s.codecs()).append(' ');
    b.append(s.bitrate() / 1000).append(" kbit/s");
    return b.toString();
  }
}
