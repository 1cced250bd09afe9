package io.swarmtv.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The swarm logic on an in-memory network with a virtual clock: delivery, churn, attacks. */
class SwarmNodeTest {
  static final long CHUNK_EVERY = 40_000;
  static final int PAYLOAD = 2 * 1024;

  final ChannelKey key = ChannelKey.generate();
  final LocalSwarm net = new LocalSwarm(2_000);
  final Random random = new Random(7);
  final SwarmNode source;
  final InetSocketAddress sourceAddress = net.address(1);
  final Map<SwarmNode, BitSet> received = new HashMap<>();
  final List<SwarmNode> peers = new ArrayList<>();
  long published = -1;

  SwarmNodeTest() {
    source = SwarmNode.source(key.id(), SwarmSettings.DEFAULT, net.clock, 7000, a -> net.dial(null, a), 1);
    net.add(source, sourceAddress, SwarmSettings.DEFAULT.tickMicros());
  }

  SwarmNode join(int n) {
    return join(n, SwarmSettings.DEFAULT);
  }

  SwarmNode join(int n, SwarmSettings settings) {
    BitSet got = new BitSet();
    SwarmNode[] self = new SwarmNode[1];
    SwarmNode node = SwarmNode.peer(key.id(), settings, net.clock, 7000,
        c -> got.set((int) c.sequence()), a -> net.dial(self[0], a), n);
    self[0] = node;
    received.put(node, got);
    net.add(node, net.address(n + 2), SwarmSettings.DEFAULT.tickMicros());
    // As a tracker would: the source and a few peers that came before.
    node.addCandidate(sourceAddress, PeerSource.MANUAL);
    for (int i = 0; i < 3 && !peers.isEmpty(); i++) {
      node.addCandidate(net.address(peers.size() > 0 ? random.nextInt(peers.size()) + 2 : 1), PeerSource.MANUAL);
    }
    peers.add(node);
    return node;
  }

  /** Publishes a chunk every 40 ms from now until {@code until}. */
  void broadcastUntil(long until) {
    byte[] payload = new byte[PAYLOAD];
    for (long t = net.now(); t < until; t += CHUNK_EVERY) {
      long at = t;
      net.at(at, () -> {
        random.nextBytes(payload);
        long seq = ++published;
        int flags = seq % 50 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
        source.publish(ChunkSignature.sign(key, seq, at, (int) CHUNK_EVERY, flags, 0, payload.clone()));
      });
    }
  }

  String missingList(SwarmNode p) {
    BitSet got = received.get(p);
    StringBuilder b = new StringBuilder();
    for (int i = got.nextClearBit((int) p.playFrom()); i <= published && b.length() < 300; i = got.nextClearBit(i + 1)) b.append(i).append(',');
    return b.toString();
  }

  long seconds(double s) {
    return net.now() + (long) (s * 1e6);
  }

  @Test
  void thirtyPeersReceiveEveryChunkAndTheSourceUploadsAtMostFourCopies() {
    for (int i = 0; i < 30; i++) {
      join(i);
      net.runUntil(seconds(0.05));
    }
    long end = seconds(60);
    broadcastUntil(end);
    net.runUntil(end + 3_000_000);

    long streamBytes = (published + 1) * PAYLOAD;
    SwarmStats src = source.stats();
    double sourceRatio = (double) src.payloadBytesUp() / streamBytes;
    long worstP99 = 0;
    long control = src.controlBytesUp();
    long payload = src.payloadBytesUp();
    for (SwarmNode p : peers) {
      control += p.stats().controlBytesUp();
      payload += p.stats().payloadBytesUp();
      assertTrue(p.playFrom() >= 0, p + " never joined: " + p.stats() + " " + p.describeState());
      BitSet got = received.get(p);
      int firstMissing = got.nextClearBit((int) p.playFrom());
      assertTrue(firstMissing > published, p + " misses chunk " + firstMissing + " of 0.." + published);
      SwarmStats s = p.stats();
      assertEquals(1.0, s.continuity(), 0.0, p + " " + s);
      assertEquals(0, s.bans());
      worstP99 = Math.max(worstP99, s.delayP99Micros());
    }
    System.out.printf(Locale.ROOT,
        "30 peers, %d chunks of %d bytes: source uploads %.2fx the stream, worst p99 delay %d ms, overhead %.1f%%%n",
        published + 1, PAYLOAD, sourceRatio, worstP99 / 1000, 100.0 * control / payload);
    assertTrue(sourceRatio <= 4.0, "source uploaded " + sourceRatio + "x the stream");
  }

  @Test
  void signedMetadataReachesEveryPeerAndNewerRecordsReplaceOlder() {
    for (int i = 0; i < 12; i++) {
      join(i);
      net.runUntil(seconds(0.05));
    }
    source.publish(io.swarmtv.channel.ChannelMetadata.sign(key, "Evening News", "", 1_000_000, List.of("avc1.64001f"), 1));
    broadcastUntil(seconds(5));
    net.runUntil(seconds(6));
    for (SwarmNode p : peers) {
      assertEquals("Evening News", p.metadata() == null ? null : p.metadata().name(), p.toString());
    }
    source.publish(io.swarmtv.channel.ChannelMetadata.sign(key, "Late News", "", 1_200_000, List.of("avc1.64001f"), 2));
    SwarmNode late = join(40);
    net.runUntil(seconds(2));
    for (SwarmNode p : peers) {
      assertEquals(2, p.metadata().sequence(), p + " holds the newer record, " + (p == late ? "on joining" : "by flood"));
    }
  }

  @Test
  void peersKeepTheirUploadLimitAndTheSwarmStillDeliversEverything() {
    long streamRate = PAYLOAD * 1_000_000L / CHUNK_EVERY;
    SwarmSettings limited = SwarmSettings.DEFAULT.withUploadLimit(2 * streamRate);
    for (int i = 0; i < 30; i++) {
      join(i, limited);
      net.runUntil(seconds(0.05));
    }
    long end = seconds(40);
    broadcastUntil(end);
    net.runUntil(end + 3_000_000);
    for (SwarmNode p : peers) {
      BitSet got = received.get(p);
      assertTrue(got.nextClearBit((int) p.playFrom()) > published,
          p + " " + p.stats() + ", missing " + missingList(p) + " " + p.describeState());
      long up = p.stats().payloadBytesUp();
      assertTrue(up <= 2 * streamRate * 44, p + " uploaded " + up + " bytes, over twice the stream for 43 s and a burst");
    }
  }

  @Test
  void survivorsKeepPlayingWhenAThirdLeaveAndLateJoinersStartFast() {
    for (int i = 0; i < 30; i++) {
      join(i);
      net.runUntil(seconds(0.05));
    }
    long end = seconds(40);
    broadcastUntil(end);
    net.runUntil(seconds(15));
    List<SwarmNode> killed = new ArrayList<>();
    for (int i = 0; i < peers.size(); i += 3) {
      killed.add(peers.get(i));
    }
    killed.forEach(net::kill);
    List<SwarmNode> late = new ArrayList<>();
    for (int i = 30; i < 35; i++) {
      late.add(join(i));
      net.runUntil(seconds(0.2));
    }
    net.runUntil(end + 3_000_000);

    for (SwarmNode p : peers) {
      if (killed.contains(p)) continue;
      SwarmStats s = p.stats();
      assertTrue(s.continuity() >= 0.99,
          p + " continuity " + s.continuity() + " " + s + ", missing " + missingList(p) + " " + p.describeState());
    }
    for (SwarmNode p : late) {
      BitSet got = received.get(p);
      int first = got.nextSetBit(0);
      assertTrue(first >= 0 && got.nextClearBit((int) p.playFrom()) > published, p + " plays on after joining");
      assertTrue(p.stats().continuity() >= 0.99, p + " " + p.stats());
    }
  }

  @Test
  void neighbourFiguresShowWhoPushesToWhomHowTheyWereFoundAndWhatTheyCarry() {
    for (int i = 0; i < 12; i++) {
      join(i);
      net.runUntil(seconds(0.05));
    }
    broadcastUntil(seconds(20));
    net.runUntil(seconds(12));
    Map<InetSocketAddress, SwarmNode> byAddress = new HashMap<>();
    byAddress.put(sourceAddress, source);
    for (int i = 0; i < peers.size(); i++) byAddress.put(net.address(i + 2), peers.get(i));
    Map<PeerSource, Integer> seen = new java.util.EnumMap<>(PeerSource.class);
    for (SwarmNode p : peers) {
      List<NeighbourStats> ns = p.neighbours();
      assertEquals(p.stats().peers(), ns.size());
      Map<PeerSource, Integer> bySource = new java.util.EnumMap<>(PeerSource.class);
      for (PeerSource s : PeerSource.values()) bySource.put(s, 0);
      int parentRoles = 0;
      long onTime = 0;
      long down = 0;
      for (NeighbourStats n : ns) {
        bySource.merge(n.source(), 1, Integer::sum);
        seen.merge(n.source(), 1, Integer::sum);
        parentRoles += n.parentFor().size();
        onTime += n.chunksOnTime();
        down += n.downloadBytesPerSecond();
        // Each side's view agrees: it pushes us a sub-stream exactly when it has us as child for it.
        SwarmNode other = byAddress.get(n.listenAddress());
        NeighbourStats back = other.neighbours().stream()
            .filter(o -> net.address(peers.indexOf(p) + 2).equals(o.listenAddress())).findFirst().orElseThrow();
        assertEquals(n.parentFor(), back.childFor(), p + " and " + other);
        assertEquals(n.childFor(), back.parentFor(), p + " and " + other);
        assertEquals(4_000, n.rttMicros(), "two hops of 2 ms each way: " + n);
        if (other == source) {
          assertEquals(PeerSource.MANUAL, n.source(), "the peer dialed the source it was given: " + n);
        }
      }
      assertEquals(bySource, p.neighbourSources());
      assertEquals(SwarmSettings.DEFAULT.subStreams(), parentRoles, p + ": one parent per sub-stream " + ns);
      assertEquals(p.stats().onTime(), onTime, "every on-time chunk came from some neighbour");
      // 25 chunks of 2 KiB a second (give or take one at the second's edges), framing and announcements on top.
      assertTrue(down >= 20 * PAYLOAD && down < 2 * 25 * (PAYLOAD + 200), p + " downloads " + down + " B/s: " + ns);
    }
    assertTrue(seen.get(PeerSource.PEX) > 0 && seen.get(PeerSource.INCOMING) > 0 && seen.get(PeerSource.MANUAL) > 0,
        "neighbours found by peer exchange, dialed in, and given: " + seen);
  }
}
