package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.ChunkVerifier;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.FeedProbe;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.PacedFeed;
import io.swarmtv.ingest.PcrPacer;
import io.swarmtv.ingest.ProbeReport;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv demo}: a channel from the bundled clip, live on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Runs a channel from the bundled looping clip on this machine: makes a throwaway channel",
      "key, describes the clip, and broadcasts it live, cut into signed chunks that are verified",
      "as a viewer would. The swarm, the gateway and its players come in later releases."
    })
final class DemoCommand implements Callable<Integer> {
  static final String CHANNEL_NAME = "swarmtv demo";

  @Spec CommandSpec spec;

  @Option(names = "--stop-after", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double stopAfter;

  @Override
  public Integer call() throws Exception {
    var limit = Options.stopAfter(spec, stopAfter);
    PrintWriter out = spec.commandLine().getOut();
    ChannelKey key = ChannelKey.generate();
    ChannelLink link = new ChannelLink(key.id(), CHANNEL_NAME, List.of());

    out.println("swarmtv demo: a live channel from the bundled clip, on this machine");
    out.println();
    out.println("channel link:  " + link);
    out.println("info-hash:     " + key.id().infoHashHex() + " (how trackers and the DHT will know its swarm)");
    describeClip(out);
    out.println();
    out.println("Broadcasting: the clip plays in a loop as one continuous stream, cut into chunks at");
    out.println("keyframes and 0.5 s parts, each signed with the channel key and verified as a viewer");
    out.println("would. Ctrl-C stops.");
    out.flush();

    ChunkVerifier viewer = new ChunkVerifier(key.id());
    AtomicLong verified = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    MicrosClock clock = MicrosClock.system();
    PacedFeed feed = new PacedFeed("the bundled clip", TsLoop::demoClip, false, new PcrPacer(clock, Sleeper.system()));
    try (LiveChannel channel = LiveChannel.start(key, feed, ChunkerSettings.DEFAULT, clock,
        chunk -> (viewer.verify(chunk) ? verified : rejected).incrementAndGet())) {
      LiveRun.run(channel, limit, out, () -> { });
    }
    out.printf(Locale.ROOT, "signatures: %d chunks verified, %d rejected%n", verified.get(), rejected.get());
    out.flush();
    return rejected.get() == 0 ? 0 : 1;
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
