package io.swarmtv.discovery;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.swarm.net.PeerTransportSettings;
import java.net.InetAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broadcaster publishing a chunk every 40 ms and a viewer, each on its own peer transport, that
 * know nothing of each other: discovery has to introduce them.
 */
public final class TwoSwarms implements AutoCloseable {
  private final ChannelKey key = ChannelKey.generate();
  private final PeerTransport sourceTransport;
  private final PeerTransport viewerTransport;
  private final ChannelSwarm source;
  private final ChannelSwarm viewer;
  private final AtomicLong received = new AtomicLong();
  private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();

  public TwoSwarms(InetAddress bind) throws Exception {
    MicrosClock clock = MicrosClock.system();
    PeerTransportSettings settings = PeerTransportSettings.DEFAULT.withBindAddress(bind).withThreads(1);
    sourceTransport = PeerTransport.start(settings);
    viewerTransport = PeerTransport.start(settings);
    source = ChannelSwarm.source(sourceTransport, key.id(), SwarmSettings.DEFAULT, clock);
    viewer = ChannelSwarm.peer(viewerTransport, key.id(), SwarmSettings.DEFAULT, clock, c -> received.incrementAndGet());
    Random random = new Random(5);
    AtomicLong seq = new AtomicLong();
    publisher.scheduleAtFixedRate(() -> {
      long n = seq.getAndIncrement();
      byte[] payload = new byte[1000];
      random.nextBytes(payload);
      int flags = n % 25 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
      source.publish(ChunkSignature.sign(key, n, clock.nowMicros(), 40_000, flags, 0, payload));
    }, 0, 40, TimeUnit.MILLISECONDS);
  }

  public InfoHash infoHash() {
    return InfoHash.of(key.id().infoHash());
  }

  public ChannelSwarm source() {
    return source;
  }

  public ChannelSwarm viewer() {
    return viewer;
  }

  public int sourcePort() {
    return sourceTransport.port();
  }

  public int viewerPort() {
    return viewerTransport.port();
  }

  /** Chunks the viewer has received and verified. */
  public long received() {
    return received.get();
  }

  /** Where the viewer learned its peers' addresses, per source. */
  public Map<PeerSource, Integer> viewerSources() {
    return viewer.peerSources();
  }

  @Override
  public void close() {
    publisher.shutdownNow();
    viewer.close();
    source.close();
    viewerTransport.close();
    sourceTransport.close();
  }
}
