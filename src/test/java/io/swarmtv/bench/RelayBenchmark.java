package io.swarmtv.bench;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.SwarmNode;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.wire.BufferMap;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.SubStream;
import io.swarmtv.swarm.wire.Subscribe;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One relay's work per chunk on one core: verify a 16 KiB chunk pushed by its parent, store it, and
 * push it to {@value #CHILDREN} children (encoding each frame, as the transport would). The score
 * is chunks a second; times 16 KiB times 8 bits times the children it is the Mbit/s a relay can
 * push per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RelayBenchmark {
  static final int CHILDREN = 4; // four whole streams: the default sixteen sub-stream slots
  static final int CHUNKS = 1024;

  private final ChannelKey key = ChannelKey.generate();
  private Chunk[] chunks;
  private SwarmNode relay;
  private Link parent;
  private long now = 1_000_000_000_000L;

  /** A connection that encodes what it is sent, as the transport does, and drops it. */
  static final class Link implements PeerLink {
    final InetSocketAddress address;
    long bytes;

    Link(int n) throws Exception {
      address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n}), 7000);
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return address;
    }

    @Override
    public void send(PeerMessage message) {
      bytes += MessageCodec.encode(message).length;
    }

    @Override
    public long queuedBytes() {
      return 0;
    }

    @Override
    public void close(GoodbyeReason reason, String detail) {}
  }

  @Setup(Level.Trial)
  public void sign() {
    chunks = new Chunk[CHUNKS];
    byte[] payload = new byte[Chunk.MAX_PAYLOAD];
    Random random = new Random(1);
    for (int i = 0; i < CHUNKS; i++) {
      random.nextBytes(payload);
      chunks[i] = ChunkSignature.sign(key, i + 1, now + i * 40_000L, 40_000, 0, 0, payload.clone());
    }
  }

  @Setup(Level.Invocation)
  public void connect() throws Exception {
    relay = SwarmNode.peer(key.id(), SwarmSettings.DEFAULT, () -> now, 7000, c -> { }, a -> { }, 1);
    parent = new Link(1);
    relay.onConnected(parent, hello(), VersionRange.V1);
    relay.onMessage(parent, BufferMap.of(0, 1, s -> true));
    relay.tick(); // subscribes to the parent, the only neighbour with chunks, for every sub-stream
    int k = SwarmSettings.DEFAULT.subStreams();
    for (int c = 0; c < CHILDREN; c++) {
      Link child = new Link(10 + c);
      relay.onConnected(child, hello(), VersionRange.V1);
      for (int sub = 0; sub < k; sub++) {
        relay.onMessage(child, new Subscribe(new SubStream(sub, k), 0));
      }
    }
  }

  private Handshake hello() {
    return new Handshake(VersionRange.SUPPORTED, key.id(), PeerId.random(), 7000,
        Capabilities.PUSH_SUBSTREAMS | Capabilities.PEER_EXCHANGE);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public long relay() {
    for (Chunk c : chunks) {
      relay.onMessage(parent, new ChunkMessage(c));
    }
    return relay.stats().payloadBytesUp();
  }
}
