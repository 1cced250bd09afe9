package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.wire.BufferMap;
import io.swarmtv.swarm.wire.BufferMapDelta;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A node announces with compact buffer-map deltas only to peers that said they read them: a peer
 * of the first protocol shape, without the capability, still gets whole buffer maps.
 */
class CompactMapsCompatibilityTest {
  private static final long OLD_CAPABILITIES = Capabilities.PUSH_SUBSTREAMS | Capabilities.PEER_EXCHANGE
      | Capabilities.METADATA;

  @Test
  void deltasGoOnlyToPeersThatReadThemAndSayTheSameAsWholeMaps() throws Exception {
    ChannelKey key = ChannelKey.generate();
    MicrosClock clock = MicrosClock.system();
    ScheduledExecutorService broadcaster = Executors.newSingleThreadScheduledExecutor();
    AtomicLong published = new AtomicLong();
    try (PeerTransport transport = PeerTransport.start(Loopback.settings());
        ChannelSwarm source = ChannelSwarm.source(transport, key.id(), SwarmSettings.DEFAULT, clock);
        RawPeerSocket old = RawPeerSocket.connect(transport.port());
        RawPeerSocket current = RawPeerSocket.connect(transport.port())) {
      broadcaster.scheduleAtFixedRate(() -> source.publish(ChunkSignature.sign(key, published.getAndIncrement(),
          clock.nowMicros(), 40_000, 0, 0, new byte[188])), 0, 40, TimeUnit.MILLISECONDS);
      old.send(new Handshake(VersionRange.SUPPORTED, key.id(), PeerId.random(), 0, OLD_CAPABILITIES));
      current.send(new Handshake(VersionRange.SUPPORTED, key.id(), PeerId.random(), 0, Capabilities.KNOWN));
      assertInstanceOf(Handshake.class, old.read());
      assertInstanceOf(Handshake.class, current.read());

      Received toOld = maps(old, 12);
      Received toCurrent = maps(current, 12);
      assertEquals(0, toOld.deltas(), "a peer without the capability gets whole maps only");
      assertEquals(11, toCurrent.deltas(), "after the first whole map, every announcement fits a delta");
      // The first map on a connection is whole, the rest deltas; resolved, they name chunks the source holds.
      long last = published.get();
      for (List<BufferMap> maps : List.of(toOld.maps(), toCurrent.maps())) {
        for (BufferMap m : maps.subList(1, maps.size())) {
          assertTrue(m.count() > 0 && m.sequences().allMatch(s -> s >= 0 && s <= last), m.toString());
        }
      }
    } finally {
      broadcaster.shutdownNow();
    }
  }

  /** Buffer maps a peer received, deltas resolved, and how many came as deltas. */
  private record Received(List<BufferMap> maps, int deltas) {}

  /** The first {@code count} buffer maps {@code peer} receives. */
  private static Received maps(RawPeerSocket peer, int count) throws Exception {
    List<BufferMap> maps = new ArrayList<>();
    long base = -1;
    int deltas = 0;
    while (maps.size() < count) {
      PeerMessage m = peer.read();
      BufferMap map;
      if (m instanceof BufferMap whole) {
        map = whole;
      } else if (m instanceof BufferMapDelta d) {
        assertTrue(base >= 0, "a delta before any whole map");
        deltas++;
        map = d.resolve(base);
      } else {
        continue;
      }
      base = map.baseSequence();
      maps.add(map);
    }
    return new Received(maps, deltas);
  }
}
