package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.InvalidLinkException;
import io.swarmtv.discovery.ChannelDiscovery;
import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.ingest.Feed;
import io.swarmtv.ingest.FeedAddress;
import io.swarmtv.ingest.FeedSettings;
import io.swarmtv.ingest.FileFeedAddress;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv broadcast}: a live feed in, signed chunks out. */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
    description = {
      "Turns a live MPEG-TS feed into a signed channel: ingests it in real time, cuts it into",
      "chunks at keyframes and part boundaries, signs each with the channel key and seeds it",
      "to the peers that connect to --port (each chunk uploaded at most 4 times in all).",
      "Viewers find it through BitTorrent trackers (public ones unless --no-public, and",
      "each --tracker, which also goes into the printed link) and by LAN multicast."
    })
final class BroadcastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The channel key (from 'swarmtv keygen').")
  Path keyFile;

  @Option(names = "--input", required = true, paramLabel = "INPUT",
      description = "A file, udp://[@]HOST:PORT, http(s)://... or - for standard input.")
  String input;

  @Option(names = "--loop", description = "Play a file input again and again as one continuous stream.")
  boolean loop;

  @Option(names = "--name", paramLabel = "NAME", description = "The channel's name, for the printed link.")
  String name;

  @CommandLine.Mixin PartDurationOption partDuration;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "6880",
      description = "TCP port peers connect to (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS",
      description = "Listen on this local address only (default: all).")
  java.net.InetAddress bind;

  @CommandLine.Mixin StopAfterOption stopAfter;

  @CommandLine.Mixin DiscoveryOptions discovery;

  @Override
  public Integer call() throws Exception {
    var settings = partDuration.chunkerSettings();
    Duration limit = stopAfter.duration();
    FeedAddress address;
    try {
      address = FeedAddress.parse(input);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input: " + e.getMessage());
    }
    if (loop && !(address instanceof FileFeedAddress)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--loop applies to a file input only, not " + input);
    }
    ChannelKey key = ChannelKey.read(keyFile);
    ChannelLink link;
    try {
      link = new ChannelLink(key.id(), name, discovery.extraTrackers());
    } catch (InvalidLinkException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Feed feed = Feed.open(address, FeedSettings.DEFAULT.withLoop(loop), MicrosClock.system(), Sleeper.system());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MicrosClock clock = MicrosClock.system();
    try (PeerTransport transport = PeerTransports.start(port, bind, "--port");
        ChannelSwarm swarm = ChannelSwarm.source(transport, key.id(), SwarmSettings.DEFAULT, clock);
        PeerDiscovery peers = discovery.start(clock, err, bind, transport.port(), null);
        ChannelDiscovery found = peers.join(InfoHash.of(key.id().infoHash()), transport.port(), link.trackers(), true,
            swarm::addPeer)) {
      out.println(link);
      out.flush();
      err.println("broadcasting " + input + " as channel " + key.id() + " on peer port " + transport.port()
          + "; Ctrl-C stops");
      ChannelAnnouncer announcer = new ChannelAnnouncer(key, name, swarm::publish, clock);
      announcer.announce(0);
      try (LiveChannel channel = LiveChannel.start(key, feed, settings, clock, swarm::publish)) {
        LiveRun.run(channel, limit, err, () -> {
          SwarmStatus.printSource(err, swarm.stats(), channel.stats().ingest().bytes());
          err.println(DiscoveryStatusText.line(found.status(), clock.nowMicros()));
          announcer.announce(channel.stats());
        });
      }
    }
    return 0;
  }
}
