package io.swarmtv.web;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.Ingest;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.PacedFeed;
import io.swarmtv.ingest.PcrPacer;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.swarm.net.PeerTransportSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import io.swarmtv.channel.Chunk;

/**
 * A broadcaster playing the bundled clip live into a real swarm on loopback, and a gateway peer
 * that joins it and serves it over HTTP: the whole path a TV's stream takes, in one process.
 */
final class LiveGateway implements AutoCloseable {
  final ChannelKey key = ChannelKey.generate();
  final MicrosClock clock = MicrosClock.system();
  final AtomicLong publishedBytes = new AtomicLong();
  final ChannelSwarm source;
  final ChannelHls channel;
  final GatewayHttpServer http;
  private final PeerTransport sourcePort;
  private final Ingest ingest;
  private final List<AutoCloseable> open = new ArrayList<>();
  ChannelSwarm gateway;
  long joinedAtNanos;

  /** The source and the gateway's web server start; {@code joinNow}: the gateway joins at once. */
  LiveGateway(boolean joinNow) throws Exception {
    sourcePort = transport();
    source = ChannelSwarm.source(sourcePort, key.id(), SwarmSettings.DEFAULT, clock);
    open.add(0, source);
    PacedFeed feed = new PacedFeed("the bundled clip", io.swarmtv.ts.TsLoop::demoClip, false,
        new PcrPacer(clock, Sleeper.system()));
    ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, clock, cut -> {
      publishedBytes.addAndGet(cut.payload().length);
      source.publish(ChunkSignature.sign(key, cut.sequence(), cut.arrivalMicros(), (int) cut.durationMicros(),
          cut.flags(), 0, cut.payload()));
    });
    open.add(0, ingest);
    ChannelDirectory channels = new ChannelDirectory();
    channel = new ChannelHls(key.id().toString(), () -> "Live", HlsSettings.DEFAULT, clock);
    channels.add(channel);
    http = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, channels);
    open.add(0, http);
    if (joinNow) {
      join(c -> { }, c -> { });
    }
  }

  /** The gateway joins the swarm; {@code before} and {@code after} see each chunk around the HLS side taking it. */
  void join(Consumer<Chunk> before, Consumer<Chunk> after) throws Exception {
    joinedAtNanos = System.nanoTime();
    gateway = ChannelSwarm.peer(transport(), key.id(), SwarmSettings.DEFAULT, clock, c -> {
      before.accept(c);
      channel.accept(c);
      after.accept(c);
    });
    open.add(0, gateway);
    gateway.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), sourcePort.port()), PeerSource.MANUAL);
  }

  private PeerTransport transport() throws Exception {
    PeerTransport t = PeerTransport.start(PeerTransportSettings.DEFAULT.withBindAddress(InetAddress.getLoopbackAddress())
        .withThreads(1));
    open.add(t);
    return t;
  }

  String base() {
    return "http://127.0.0.1:" + http.port();
  }

  String hls() {
    return base() + "/hls/" + key.id() + "/index.m3u8";
  }

  String ts() {
    return base() + "/ts/" + key.id();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }
}
