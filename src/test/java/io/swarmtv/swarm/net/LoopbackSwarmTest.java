package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.SwarmStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thirty peers and a broadcaster on real sockets on loopback, on a clock running four times faster
 * than the wall clock so five minutes of stream take 75 seconds.
 */
class LoopbackSwarmTest {
  static final int SPEED = 4;
  static final long CHUNK_EVERY = 40_000; // virtual microseconds: 25 chunks a second
  static final int PAYLOAD = 5 * 188 * 5; // ~4.7 KB a chunk: about 0.94 Mbit/s

  final ChannelKey key = ChannelKey.generate();
  final long t0 = System.nanoTime();
  final long epoch = MicrosClock.system().nowMicros();
  final MicrosClock clock = () -> epoch + (System.nanoTime() - t0) * SPEED / 1000;
  final SwarmSettings settings = new SwarmSettings(4, 30_000_000, 1024, 4, 16, 8, 24, 150_000, 600_000,
      1_000_000, 2_000_000, 64, 600_000_000, 5_000 * SPEED);
  final List<AutoCloseable> closeLast = new ArrayList<>();
  final List<AutoCloseable> closeFirst = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeFirst) c.close();
    for (AutoCloseable c : closeLast) c.close();
  }

  PeerTransport transport() throws Exception {
    PeerTransport t = PeerTransport.start(PeerTransportSettings.DEFAULT
        .withBindAddress(InetAddress.getLoopbackAddress()).withThreads(1));
    closeLast.add(t);
    return t;
  }

  @Test
  void thirtyPeersGetEveryChunkOfFiveMinutesAndTheSourceUploadsAtMostFourCopies() throws Exception {
    PeerTransport sourceTransport = transport();
    ChannelSwarm source = ChannelSwarm.source(sourceTransport, key.id(), settings, clock);
    closeFirst.add(source);
    InetSocketAddress sourceAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), sourceTransport.port());

    List<ChannelSwarm> peers = new ArrayList<>();
    List<BitSet> received = new ArrayList<>();
    List<PeerTransport> transports = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      PeerTransport t = transport();
      BitSet got = new BitSet();
      received.add(got);
      ChannelSwarm peer = ChannelSwarm.peer(t, key.id(), settings, clock, c -> {
        synchronized (got) {
          got.set((int) c.sequence());
        }
      });
      closeFirst.add(peer);
      peer.addPeer(sourceAddress);
      for (int k = 0; k < 3 && !transports.isEmpty(); k++) {
        peer.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            transports.get(random.nextInt(transports.size())).port()));
      }
      transports.add(t);
      peers.add(peer);
    }

    long streamMicros = 5 * 60 * 1_000_000L;
    AtomicLong published = new AtomicLong(-1);
    ScheduledExecutorService broadcaster = Executors.newSingleThreadScheduledExecutor();
    closeFirst.add(0, broadcaster::shutdownNow);
    byte[] payload = new byte[PAYLOAD];
    long start = clock.nowMicros();
    broadcaster.scheduleAtFixedRate(() -> {
      long seq = published.get() + 1;
      if (seq * CHUNK_EVERY >= streamMicros) return;
      random.nextBytes(payload);
      int flags = seq % 50 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
      source.publish(ChunkSignature.sign(key, seq, clock.nowMicros(), (int) CHUNK_EVERY, flags, 0, payload.clone()));
      published.set(seq);
    }, 0, CHUNK_EVERY / SPEED, TimeUnit.MICROSECONDS);

    while (clock.nowMicros() - start < streamMicros + 3_000_000) {
      Thread.sleep(200);
    }
    broadcaster.shutdownNow();
    long last = published.get();
    long streamBytes = (last + 1) * PAYLOAD;
    SwarmStats src = source.stats();
    double sourceRatio = (double) src.payloadBytesUp() / streamBytes;
    long worstP99 = 0;
    long worstP50 = 0;
    long control = src.controlBytesUp();
    long payloadUp = src.payloadBytesUp();
    for (int i = 0; i < peers.size(); i++) {
      SwarmStats s = peers.get(i).stats();
      BitSet got = received.get(i);
      int from;
      synchronized (got) {
        from = got.nextSetBit(0);
        int missing = got.nextClearBit(from);
        assertTrue(from >= 0 && from < 200 && missing > last,
            "peer " + i + " got chunks from " + from + " but misses " + missing + " of " + last + ": " + s);
      }
      worstP99 = Math.max(worstP99, s.delayP99Micros());
      worstP50 = Math.max(worstP50, s.delayP50Micros());
      control += s.controlBytesUp();
      payloadUp += s.payloadBytesUp();
    }
    System.out.printf(Locale.ROOT, "loopback, 30 peers, %d chunks (%.0f s of stream at %dx): source uploaded %.2fx"
            + " the stream; delay behind the source (wall clock) worst p50 %d ms, worst p99 %d ms; overhead %.1f%%%n",
        last + 1, streamMicros / 1e6, SPEED, sourceRatio, worstP50 / SPEED / 1000, worstP99 / SPEED / 1000,
        100.0 * control / payloadUp);
    assertTrue(sourceRatio <= 4.0, "source uploaded " + sourceRatio + "x the stream");
  }
}
