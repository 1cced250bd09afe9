package io.swarmtv.swarm.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.NeighbourStats;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-neighbour figures of a channel's swarm on real sockets: roles, sources, RTT and rates. */
class ChannelSwarmNeighboursTest {

  @Test
  void aViewerSeesItsSourceAsParentOfEverySubStreamAndTheSourceSeesItsChild() throws Exception {
    ChannelKey key = ChannelKey.generate();
    MicrosClock clock = MicrosClock.system();
    SwarmSettings settings = SwarmSettings.DEFAULT;
    ScheduledExecutorService broadcaster = Executors.newSingleThreadScheduledExecutor();
    try (PeerTransport st = PeerTransport.start(Loopback.settings());
        PeerTransport vt = PeerTransport.start(Loopback.settings());
        ChannelSwarm source = ChannelSwarm.source(st, key.id(), settings, clock);
        ChannelSwarm viewer = ChannelSwarm.peer(vt, key.id(), settings, clock, c -> { })) {
      InetSocketAddress sourceAddress = Loopback.at(st);
      viewer.addPeer(sourceAddress, PeerSource.TRACKER);
      AtomicLong seq = new AtomicLong();
      broadcaster.scheduleAtFixedRate(() -> source.publish(ChunkSignature.sign(key, seq.getAndIncrement(),
          clock.nowMicros(), 40_000, 0, 0, new byte[4 * 188])), 0, 40, TimeUnit.MILLISECONDS);
      List<Integer> all = List.of(0, 1, 2, 3);
      // A second's worth of 25 chunks of 752 bytes, each with 98 bytes of framing, header and
      // signature; a little less, as the publisher may lag on a busy machine.
      long aSecondOfStream = 15 * (752 + 98);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        List<NeighbourStats> n = viewer.neighbours();
        return n.size() == 1 && n.get(0).parentFor().equals(all) && n.get(0).rttMicros() >= 0
            && n.get(0).downloadBytesPerSecond() >= aSecondOfStream && n.get(0).chunksOnTime() > 25;
      });
      NeighbourStats up = viewer.neighbours().get(0);
      assertEquals(sourceAddress, up.address());
      assertEquals(sourceAddress, up.listenAddress());
      assertEquals(PeerSource.TRACKER, up.source(), "the viewer dialed an address a tracker gave it");
      assertTrue(up.isParent() && !up.isChild(), up.toString());
      assertTrue(up.downloadBytesPerSecond() >= aSecondOfStream, up.toString());
      assertEquals(Map.of(PeerSource.TRACKER, 1), nonZero(viewer.neighbourSources()));

      NeighbourStats down = source.neighbours().get(0);
      assertEquals(PeerSource.INCOMING, down.source(), "the viewer dialed the source");
      assertEquals(all, down.childFor());
      assertEquals(Loopback.at(vt), down.listenAddress());
      assertTrue(down.chunksUp() >= up.chunksOnTime(), down + " vs " + up);
      assertEquals(Map.of(PeerSource.INCOMING, 1), nonZero(source.neighbourSources()));
    } finally {
      broadcaster.shutdownNow();
    }
  }

  private static Map<PeerSource, Integer> nonZero(Map<PeerSource, Integer> counts) {
    Map<PeerSource, Integer> out = new java.util.EnumMap<>(PeerSource.class);
    counts.forEach((s, n) -> {
      if (n > 0) out.put(s, n);
    });
    return out;
  }
}
