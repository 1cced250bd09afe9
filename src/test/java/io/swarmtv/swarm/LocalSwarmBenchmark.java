package io.swarmtv.swarm;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.wire.MessageType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The swarm logic alone on the in-memory network with a virtual clock: PEERS peers, a
 * 1.5 Mbit/s stream, fixed latency and no bandwidth limit. Unlike the loopback benchmark its
 * figures do not depend on how busy the machine is, so two versions of the logic compare
 * exactly; delays reflect the protocol's timers, not queues. Run by
 * {@code bench/local-swarm.sh PEERS SECONDS LATENCY_MS SEED}.
 */
public final class LocalSwarmBenchmark {
  private LocalSwarmBenchmark() {}

  public static void main(String[] args) {
    int peerCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    long latency = (args.length > 2 ? Long.parseLong(args[2]) : 2) * 1000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
    int payload = 8 * 188 * 5;
    long chunkEvery = 40_000;
    ChannelKey key = ChannelKey.generate();
    LocalSwarm net = new LocalSwarm(latency);
    Random random = new Random(seed);
    SwarmSettings settings = SwarmSettings.DEFAULT;
    SwarmNode source = SwarmNode.source(key.id(), settings, net.clock, 7000, a -> net.dial(null, a), seed * 1000 + 1);
    net.add(source, net.address(1), settings.tickMicros());
    List<SwarmNode> peers = new ArrayList<>();
    for (int i = 0; i < peerCount; i++) {
      SwarmNode[] self = new SwarmNode[1];
      SwarmNode node = SwarmNode.peer(key.id(), settings, net.clock, 7000, c -> { }, a -> net.dial(self[0], a), seed * 1000 + i + 2);
      self[0] = node;
      net.add(node, net.address(i + 2), settings.tickMicros());
      node.addCandidate(net.address(1), PeerSource.MANUAL);
      for (int k = 0; k < 3 && !peers.isEmpty(); k++) {
        node.addCandidate(net.address(random.nextInt(peers.size()) + 2), PeerSource.MANUAL);
      }
      peers.add(node);
      net.runUntil(net.now() + 50_000);
    }
    long start = net.now();
    long end = start + seconds * 1_000_000L;
    byte[] bytes = new byte[payload];
    long[] published = {-1};
    for (long t = start; t < end; t += chunkEvery) {
      long at = t;
      net.at(at, () -> {
        random.nextBytes(bytes);
        long seq = ++published[0];
        int flags = seq % 50 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
        source.publish(ChunkSignature.sign(key, seq, at, (int) chunkEvery, flags, 0, bytes.clone()));
      });
    }
    net.runUntil(end + 3_000_000);

    SwarmStats src = source.stats();
    long control = src.controlBytesUp();
    long payloadUp = src.payloadBytesUp();
    Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
    src.controlBytesUpByType().forEach((t, n) -> byType.merge(t, n, Long::sum));
    List<Long> p50 = new ArrayList<>();
    long worstP99 = 0;
    double worstContinuity = 1;
    for (SwarmNode p : peers) {
      SwarmStats s = p.stats();
      control += s.controlBytesUp();
      payloadUp += s.payloadBytesUp();
      s.controlBytesUpByType().forEach((t, n) -> byType.merge(t, n, Long::sum));
      p50.add(s.delayP50Micros());
      worstP99 = Math.max(worstP99, s.delayP99Micros());
      worstContinuity = Math.min(worstContinuity, s.continuity());
    }
    p50.sort(null);
    System.out.printf(Locale.ROOT, "local swarm, %d peers, %d s, %d ms latency: p50 %d ms, worst p99 %d ms; worst continuity"
            + " %.4f; source uploads %.2fx the stream; control overhead %.2f%%%n", peerCount, seconds, latency / 1000,
        p50.get(p50.size() / 2) / 1000, worstP99 / 1000, worstContinuity,
        (double) src.payloadBytesUp() / ((published[0] + 1) * payload), 100.0 * control / payloadUp);
    long all = payloadUp;
    byType.entrySet().stream().sorted(Map.Entry.<MessageType, Long>comparingByValue().reversed())
        .forEach(e -> System.out.printf(Locale.ROOT, "    %-16s %,14d bytes  %.3f%%%n", e.getKey().label(), e.getValue(),
            100.0 * e.getValue() / all));
  }
}
