package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.PacedFeed;
import io.swarmtv.ingest.PcrPacer;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.ts.TsLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** A live channel broadcast on loopback from the bundled clip, in real time, as the demo does. */
final class LoopbackBroadcast implements AutoCloseable {
  final ChannelLink link;
  private final PeerTransport transport;
  private final ChannelSwarm source;
  private final LiveChannel live;

  LoopbackBroadcast(String name) throws Exception {
    ChannelKey key = ChannelKey.generate();
    link = new ChannelLink(key.id(), name, List.of());
    MicrosClock clock = MicrosClock.system();
    transport = PeerTransports.start(0, InetAddress.getLoopbackAddress(), "--port");
    source = ChannelSwarm.source(transport, key.id(), SwarmSettings.DEFAULT, clock);
    PacedFeed feed = new PacedFeed("the bundled clip", TsLoop::demoClip, false, new PcrPacer(clock, Sleeper.system()));
    live = LiveChannel.start(key, feed, ChunkerSettings.DEFAULT, clock, source::publish);
  }

  /** Where viewers connect to the broadcaster. */
  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), transport.port());
  }

  @Override
  public void close() {
    live.close();
    source.close();
    transport.close();
  }
}
