package io.swarmtv.swarm.net;

import io.swarmtv.swarm.PeerSource;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.SwarmStats;
import io.swarmtv.swarm.wire.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broadcaster and many peers on real sockets on loopback, in one process, on a clock that may run
 * faster than the wall clock: the fixture of the loopback tests and the loopback benchmark.
 */
final class LoopbackSwarm implements AutoCloseable {
  static final long CHUNK_EVERY = 40_000; // virtual microseconds: 25 chunks a second

  final int speed;
  final int payload;
  final ChannelKey key = ChannelKey.generate();
  final MicrosClock clock;
  final SwarmSettings settings;
  final PeerTransport sourceTransport;
  final ChannelSwarm source;
  final List<PeerTransport> transports = new ArrayList<>();
  final List<ChannelSwarm> peers = new ArrayList<>();
  final List<BitSet> received = new ArrayList<>();
  final AtomicLong published = new AtomicLong(-1);
  private final Random random = new Random(3);
  private final ScheduledExecutorService broadcaster = Executors.newSingleThreadScheduledExecutor();

  /**
   * @param speed how many times faster than the wall clock the swarm's clock runs
   * @param payload bytes of stream per chunk (25 chunks a second)
   */
  LoopbackSwarm(int speed, int payload) throws Exception {
    this.speed = speed;
    this.payload = payload;
    long t0 = System.nanoTime();
    long epoch = MicrosClock.system().nowMicros();
    this.clock = () -> epoch + (System.nanoTime() - t0) * speed / 1000;
    this.settings = SwarmSettings.DEFAULT.withTickMicros(Math.max(5_000L * speed, SwarmSettings.DEFAULT.tickMicros()));
    this.sourceTransport = transport();
    this.source = ChannelSwarm.source(sourceTransport, key.id(), settings, clock);
  }

  private static PeerTransport transport() throws Exception {
    return PeerTransport.start(PeerTransportSettings.DEFAULT
        .withBindAddress(InetAddress.getLoopbackAddress()).withThreads(1));
  }

  InetSocketAddress address(PeerTransport t) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port());
  }

  /** A new peer that knows the source and a few peers before it, as a tracker would tell it. */
  ChannelSwarm join() throws Exception {
    PeerTransport t = transport();
    BitSet got = new BitSet();
    ChannelSwarm peer = ChannelSwarm.peer(t, key.id(), settings, clock, c -> {
      synchronized (got) {
        got.set((int) c.sequence());
      }
    });
    peer.addPeer(address(sourceTransport), PeerSource.MANUAL);
    for (int k = 0; k < 3 && !transports.isEmpty(); k++) {
      peer.addPeer(address(transports.get(random.nextInt(transports.size()))), PeerSource.MANUAL);
    }
    transports.add(t);
    peers.add(peer);
    received.add(got);
    return peer;
  }

  /** Starts publishing a chunk every 40 ms of swarm time, for {@code streamMicros} of it. */
  void broadcast(long streamMicros) {
    byte[] bytes = new byte[payload];
    broadcaster.scheduleAtFixedRate(() -> {
      long seq = published.get() + 1;
      if (seq * CHUNK_EVERY >= streamMicros) return;
      random.nextBytes(bytes);
      int flags = seq % 50 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
      source.publish(ChunkSignature.sign(key, seq, clock.nowMicros(), (int) CHUNK_EVERY, flags, 0, bytes.clone()));
      published.set(seq);
    }, 0, CHUNK_EVERY / speed, TimeUnit.MICROSECONDS);
  }

  /** Waits until {@code micros} of swarm time have passed since {@code since}. */
  void runUntil(long since, long micros) throws InterruptedException {
    while (clock.nowMicros() - since < micros) {
      Thread.sleep(100);
    }
  }

  /** Stops and closes peer {@code i} (its neighbours see it leave). */
  void leave(int i) {
    peers.get(i).close();
    transports.get(i).close();
  }

  /** The first sequence peer {@code i} got and the first it misses from there, or null if it got none. */
  long[] coverage(int i) {
    BitSet got = received.get(i);
    synchronized (got) {
      int from = got.nextSetBit(0);
      return from < 0 ? null : new long[] {from, got.nextClearBit(from)};
    }
  }

  /** Figures over the peers whose index {@code alive} accepts. */
  Report report(java.util.function.IntPredicate alive) {
    broadcaster.shutdownNow();
    SwarmStats src = statsOf(source);
    long streamBytes = (published.get() + 1) * payload;
    List<Long> p50 = new ArrayList<>();
    List<Long> p99 = new ArrayList<>();
    double worstContinuity = 1;
    long control = src.controlBytesUp();
    long payloadUp = src.payloadBytesUp();
    Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
    src.controlBytesUpByType().forEach((t, n) -> byType.merge(t, n, Long::sum));
    for (int i = 0; i < peers.size(); i++) {
      if (!alive.test(i)) continue;
      SwarmStats s = statsOf(peers.get(i));
      p50.add(s.delayP50Micros());
      p99.add(s.delayP99Micros());
      worstContinuity = Math.min(worstContinuity, s.continuity());
      control += s.controlBytesUp();
      payloadUp += s.payloadBytesUp();
      s.controlBytesUpByType().forEach((t, n) -> byType.merge(t, n, Long::sum));
    }
    p50.sort(null);
    p99.sort(null);
    return new Report(peers.size(), published.get() + 1, (double) src.payloadBytesUp() / streamBytes,
        median(p50) / speed, p99.get(p99.size() - 1) / speed, worstContinuity, (double) control / payloadUp, payloadUp, byType);
  }

  /** A node's figures, asked again if its thread is too busy to answer in time on a loaded machine. */
  private static SwarmStats statsOf(ChannelSwarm swarm) {
    for (int attempt = 1; ; attempt++) {
      try {
        return swarm.stats();
      } catch (IllegalStateException e) {
        if (attempt == 5) throw e;
      }
    }
  }

  private static long median(List<Long> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  /**
   * What a run measured; delays are in wall-clock microseconds (swarm time divided by the speed).
   *
   * @param medianP50Micros the median over peers of each peer's median delay
   * @param worstP99Micros the largest of the peers' 99th-percentile delays
   * @param overhead bytes sent that are not chunk payload, over chunk payload sent, all nodes together
   * @param controlByType the non-payload bytes sent, per message type
   */
  record Report(int peers, long chunks, double sourceUploadRatio, long medianP50Micros, long worstP99Micros,
      double worstContinuity, double overhead, long payloadUp, Map<MessageType, Long> controlByType) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
          "%d peers, %d chunks: delay behind the source p50 %d ms, worst p99 %d ms;"
              + " worst continuity %.4f; source uploads %.2fx the stream; control overhead %.2f%%",
          peers, chunks, medianP50Micros / 1000, worstP99Micros / 1000, worstContinuity, sourceUploadRatio,
          100 * overhead));
      b.append("\n  control bytes sent by message type (share of chunk payload sent):");
      controlByType.entrySet().stream().sorted(Map.Entry.<MessageType, Long>comparingByValue().reversed())
          .forEach(e -> b.append(String.format(Locale.ROOT, "%n    %-14s %,14d bytes  %.3f%%",
              e.getKey().label(), e.getValue(), 100.0 * e.getValue() / payloadUp)));
      return b.toString();
    }
  }

  @Override
  public void close() {
    broadcaster.shutdownNow();
    peers.forEach(ChannelSwarm::close);
    source.close();
    transports.forEach(PeerTransport::close);
    sourceTransport.close();
  }
}
