package io.swarmtv.sim;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmNode;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.SwarmStats;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.MessageCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One simulated broadcast: a source and an audience of real {@link SwarmNode}s on a {@link Network},
 * a virtual clock, and the figures it measures. Deterministic for its settings' seed. Use once.
 */
public final class Simulation {
  private static final int TICK = Network.FIRST_OTHER_KIND;
  private static final int PUBLISH = Network.FIRST_OTHER_KIND + 1;
  private static final int JOIN = Network.FIRST_OTHER_KIND + 2;
  private static final int LEAVE = Network.FIRST_OTHER_KIND + 3;
  /** The virtual clock's start, in microseconds since the epoch (any fixed value keeps runs repeatable). */
  private static final long START_MICROS = 1_700_000_000_000_000L;
  /** Addresses a joining peer gets, as a tracker's answer would give it. */
  static final int TRACKER_ANSWER = 20;
  static final int LISTEN_PORT = 6881;

  private final SimulationSettings settings;
  private final Random random;
  private final Random payloads;
  private final Network network = new Network(START_MICROS);
  private final MicrosClock clock = network::now;
  private final ChannelKey key = ChannelKey.generate();
  private final long chunkMicros;
  private final long endMicros;
  private final List<Host> audience = new ArrayList<>();
  private final Map<Long, SwarmSettings> settingsByUplink = new HashMap<>();
  private final DelayDistribution delays = new DelayDistribution();
  private final DelayDistribution startups = new DelayDistribution();
  private Host source;
  private int hosts;
  private long published;
  private long joined;
  private long left;
  private long chunksDue;
  private long chunksOnTime;
  private long duplicates;
  private long bans;
  private long payloadUp;
  private long controlUp;
  private long freeRiderPayloadUp;
  private long events;
  private boolean ran;

  public Simulation(SimulationSettings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
    this.payloads = new Random(settings.seed() ^ 0x5DEECE66DL);
    this.chunkMicros = 1_000_000 / settings.chunksPerSecond();
    this.endMicros = START_MICROS + settings.durationMicros() + settings.swarm().playoutDelayMicros();
  }

  /**
   * Runs the broadcast to its end and reports; {@code progress} hears where it stands about every
   * {@code progressEveryNanos} of wall time.
   */
  public SimulationReport run(Consumer<Progress> progress, long progressEveryNanos) {
    if (ran) {
      throw new IllegalStateException("a simulation runs once");
    }
    ran = true;
    long wallStart = System.nanoTime();
    startSource();
    EventQueue q = network.queue;
    for (int i = 0; i < settings.peers(); i++) {
      q.add(START_MICROS + settings.rampMicros() * i / settings.peers(), JOIN, null, null, 0);
    }
    if (settings.flashCrowd() > 0) {
      long from = START_MICROS + settings.durationMicros() / 2;
      long span = Math.min(60_000_000, settings.durationMicros() / 2);
      for (int i = 0; i < settings.flashCrowd(); i++) {
        q.add(from + span * i / settings.flashCrowd(), JOIN, null, null, 0);
      }
    }
    if (settings.churnPercentPerMinute() > 0) {
      q.add(START_MICROS + settings.rampMicros() + nextDeparture(settings.peers()), LEAVE, null, null, 0);
    }
    long lastReport = wallStart;
    long lastEvents = 0;
    while (!q.isEmpty() && q.peekTime() <= endMicros) {
      q.poll();
      network.advanceTo(q.polledAt);
      events++;
      int kind = q.polledKind;
      if (kind < Network.FIRST_OTHER_KIND) {
        network.run(kind, q.polledFirst, q.polledSecond, q.polledNumber, q.polledExtra);
      } else if (kind == TICK) {
        tick((Host) q.polledFirst);
      } else if (kind == PUBLISH) {
        publish();
      } else if (kind == JOIN) {
        join();
      } else if (kind == LEAVE) {
        leaveOne();
      }
      if ((events & 0x3FFF) == 0) {
        long wall = System.nanoTime();
        if (wall - lastReport >= progressEveryNanos) {
          progress.accept(new Progress(network.now() - START_MICROS, settings.durationMicros(), wall - wallStart,
              events, (events - lastEvents) * 1e9 / (wall - lastReport), audience.size()));
          lastReport = wall;
          lastEvents = events;
        }
      }
    }
    network.advanceTo(endMicros);
    return report((System.nanoTime() - wallStart) / 1_000_000);
  }

  private void startSource() {
    long up = (long) (settings.sourceUplinkMbit() * 1e6);
    source = new Host(hosts, address(hosts++), up, Math.max(up, (long) (settings.downlinkMbit() * 1e6)),
        settings.rttMinMicros() / 4, false, false, START_MICROS);
    Host s = source;
    source.node = SwarmNode.source(key.id(), settings.swarm().withUploadLimit(uploadLimit(up)), clock, LISTEN_PORT,
        a -> network.dial(s, a), random.nextLong());
    source.events = source.node;
    network.listen(source);
    network.queue.add(START_MICROS, PUBLISH, null, null, 0);
    network.queue.add(START_MICROS + random.nextLong(settings.swarm().tickMicros()), TICK, source, null, 0);
  }

  private void publish() {
    if (published * chunkMicros >= settings.durationMicros()) {
      return;
    }
    long seq = published++;
    byte[] payload = new byte[settings.chunkBytes()];
    payloads.nextBytes(payload);
    int flags = seq % 50 == 0 ? ChunkFlags.SEGMENT_START | ChunkFlags.PART_START : 0;
    Chunk chunk = ChunkSignature.sign(key, seq, network.now(), (int) chunkMicros, flags, 0, payload);
    source.node.publish(chunk);
    network.queue.add(START_MICROS + published * chunkMicros, PUBLISH, null, null, 0);
  }

  private void tick(Host host) {
    if (!host.alive) {
      return;
    }
    host.node.tick();
    network.queue.add(network.now() + settings.swarm().tickMicros(), TICK, host, null, 0);
  }

  private void join() {
    long now = network.now();
    long up = settings.uplinks().draw(random);
    boolean nat = random.nextDouble() * 100 < settings.natPercent();
    boolean freeRider = random.nextDouble() * 100 < settings.freeRiderPercent();
    long access = settings.rttMinMicros() / 4
        + (long) (random.nextDouble() * (settings.rttMaxMicros() - settings.rttMinMicros()) / 4);
    long down = Math.max(up, (long) (settings.downlinkMbit() * 1e6));
    Host h = new Host(hosts, address(hosts++), up, down, access, nat, freeRider, now);
    h.node = SwarmNode.peer(key.id(), nodeSettings(freeRider ? 0 : up), clock,
        nat ? Handshake.NOT_REACHABLE : LISTEN_PORT, c -> played(h, c), a -> network.dial(h, a), random.nextLong());
    h.events = h.node;
    for (Host known : trackerAnswer()) {
      h.node.addCandidate(known.address, PeerSource.TRACKER);
    }
    if (!nat) {
      network.listen(h);
    }
    h.audienceSlot = audience.size();
    audience.add(h);
    joined++;
    network.queue.add(now + random.nextLong(settings.swarm().tickMicros()), TICK, h, null, 0);
  }

  /** A node's settings: its upload limit is a share of its uplink; a free rider serves no one. */
  private SwarmSettings nodeSettings(long uplinkBits) {
    return settingsByUplink.computeIfAbsent(uplinkBits, up -> {
      SwarmSettings s = settings.swarm();
      if (up == 0) {
        return new SwarmSettings(s.subStreams(), s.windowMicros(), s.maxAhead(), s.sourceCopies(), 0,
            s.targetPeers(), s.maxPeers(), s.repairAfterMicros(), s.requestTimeoutMicros(), s.parentStallMicros(),
            s.playoutDelayMicros(), s.joinBackfill(), s.banMicros(), s.tickMicros(), 1, s.peerUploadLimit());
      }
      return s.withUploadLimit(uploadLimit(up));
    });
  }

  /** A node's upload limit in bytes a second for an uplink of {@code bits} a second. */
  private long uploadLimit(long bits) {
    return (long) (bits / 8 * settings.uploadLimitShare());
  }

  /** A random sample of the swarm (the source among it), as a tracker would answer. */
  private List<Host> trackerAnswer() {
    int n = audience.size() + 1;
    List<Host> out = new ArrayList<>();
    if (n <= TRACKER_ANSWER) {
      out.add(source);
      out.addAll(audience);
      return out;
    }
    Set<Integer> picked = new HashSet<>();
    while (out.size() < TRACKER_ANSWER) {
      int i = random.nextInt(n);
      if (picked.add(i)) out.add(i == n - 1 ? source : audience.get(i));
    }
    return out;
  }

  /** A chunk reached a peer's player. */
  private void played(Host h, Chunk c) {
    long playFrom = h.node.playFrom();
    if (playFrom < 0 || c.sequence() < playFrom) {
      return; // the join backfill: old by design, counted for neither delay nor continuity
    }
    long delay = network.now() - c.timestampMicros();
    delays.record(delay);
    if (delay <= settings.swarm().playoutDelayMicros()) {
      h.onTime.set((int) c.sequence());
    }
    if (h.startupMicros < 0) {
      h.startupMicros = network.now() - h.joinedMicros;
      startups.record(h.startupMicros);
    }
  }

  private long nextDeparture(int audienceSize) {
    double perMicro = settings.churnPercentPerMinute() / 100 * Math.max(1, audienceSize) / 60e6;
    return 1 + (long) (-Math.log(1 - random.nextDouble()) / perMicro);
  }

  /** A random viewer leaves abruptly and a newcomer takes its place. */
  private void leaveOne() {
    if (!audience.isEmpty()) {
      Host h = audience.get(random.nextInt(audience.size()));
      account(h);
      network.unplug(h);
      Host last = audience.remove(audience.size() - 1);
      if (last != h) {
        audience.set(h.audienceSlot, last);
        last.audienceSlot = h.audienceSlot;
      }
      left++;
      join();
    }
    long next = network.now() + nextDeparture(audience.size());
    if (next < START_MICROS + settings.durationMicros()) {
      network.queue.add(next, LEAVE, null, null, 0);
    }
  }

  /** Adds a node's figures to the run's, when it leaves or at the end. */
  private void account(Host h) {
    SwarmStats s = h.node.stats();
    duplicates += s.duplicates();
    bans += s.bans();
    payloadUp += s.payloadBytesUp();
    controlUp += s.controlBytesUp();
    if (h.freeRider) {
      freeRiderPayloadUp += s.payloadBytesUp();
    }
    if (h == source) {
      return;
    }
    long playFrom = h.node.playFrom();
    // Due: every chunk from the first it plays whose deadline has passed while it was there.
    long lastDue = Math.min(published - 1,
        Math.floorDiv(network.now() - settings.swarm().playoutDelayMicros() - START_MICROS, chunkMicros));
    if (playFrom >= 0 && lastDue >= playFrom) {
      chunksDue += lastDue - playFrom + 1;
      chunksOnTime += h.onTime.get((int) playFrom, (int) lastDue + 1).cardinality();
    }
  }

  private SimulationReport report(long wallMillis) {
    SwarmStats src = source.node.stats();
    long[] ups = new long[audience.size()];
    for (int i = 0; i < ups.length; i++) {
      Host h = audience.get(i);
      ups[i] = h.freeRider ? 0 : h.uplinkBitsPerSecond;
      account(h);
    }
    account(source);
    int wire = Host.wireBytes(MessageCodec.frameLength(new ChunkMessage(ChunkSignature.sign(key, 0, 0,
        (int) chunkMicros, 0, 0, new byte[settings.chunkBytes()]))));
    long[] bound = LowerBound.arrivals(wire, source.uplinkBitsPerSecond, ups, settings.rttMinMicros() / 2);
    double streamBytes = (double) published * settings.chunkBytes();
    return new SimulationReport(settings, joined, left, audience.size(), published,
        delays.percentile(0.5), delays.percentile(0.95), delays.percentile(0.99), delays.max(),
        chunksDue == 0 ? 1.0 : (double) chunksOnTime / chunksDue, chunksDue, chunksOnTime,
        startups.percentile(0.5), startups.percentile(0.99), startups.count(),
        streamBytes == 0 ? 0 : src.payloadBytesUp() / streamBytes, payloadUp == 0 ? 0 : (double) controlUp / payloadUp,
        duplicates, bans, freeRiderPayloadUp, LowerBound.percentile(bound, 0.5), LowerBound.percentile(bound, 0.99), events, wallMillis);
  }

  /** A distinct private address per host: 10.x.y.z. */
  private static InetSocketAddress address(int n) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(
          new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n}), LISTEN_PORT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
