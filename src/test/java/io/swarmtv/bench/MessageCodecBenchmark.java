package io.swarmtv.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.PeerMessageDecoder;
import io.swarmtv.swarm.wire.PeerMessageEncoder;
import io.swarmtv.swarm.wire.ProtocolException;
import io.swarmtv.swarm.wire.VersionRange;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding a full (16 KiB) chunk message, the bulk of what a peer reads and writes:
 * {@code plain} through {@link MessageCodec} with a reused buffer, {@code netty} through the
 * encoder and decoder on embedded channels with pooled buffers. No signature checks: those are
 * {@link ChunkSignatureBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageCodecBenchmark {
  private ChunkMessage message;
  private ByteBuffer buffer;
  private EmbeddedChannel sender;
  private EmbeddedChannel receiver;

  @Setup
  public void setUp() {
    ChannelKey key = ChannelKey.generate();
    byte[] payload = new byte[Chunk.MAX_PAYLOAD];
    new Random(1).nextBytes(payload);
    message = new ChunkMessage(ChunkSignature.sign(key, 1, 1_700_000_000_000_000L, 500_000,
        ChunkFlags.PART_START, 0, payload));
    buffer = ByteBuffer.allocate(MessageCodec.frameLength(message));
    sender = new EmbeddedChannel(new PeerMessageEncoder());
    receiver = new EmbeddedChannel(new PeerMessageDecoder());
    // The decoder takes nothing before a handshake.
    roundTrip(new Handshake(VersionRange.SUPPORTED, key.id(), PeerId.random(), 0,
        Capabilities.KNOWN));
  }

  @TearDown
  public void tearDown() {
    sender.finishAndReleaseAll();
    receiver.finishAndReleaseAll();
  }

  @Benchmark
  public List<PeerMessage> plain() throws ProtocolException {
    buffer.clear();
    MessageCodec.encode(message, buffer);
    buffer.flip();
    return MessageCodec.decode(buffer);
  }

  @Benchmark
  public Object netty() {
    return roundTrip(message);
  }

  private Object roundTrip(PeerMessage m) {
    sender.writeOutbound(m);
    ByteBuf frame = sender.readOutbound();
    receiver.writeInbound(frame); // the decoder releases it
    return receiver.readInbound();
  }
}
