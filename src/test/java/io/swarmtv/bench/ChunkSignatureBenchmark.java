package io.swarmtv.bench;

import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.channel.ChunkVerifier;
import io.swarmtv.channel.ChannelKey;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying a full (16 KiB) chunk: what a broadcaster and every relaying peer pay per
 * chunk. {@code verifyPerCall} is {@link ChunkSignature#verify}, which builds and initializes a
 * {@code Signature} each time; {@code verifyWithVerifier} reuses a per-thread one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkSignatureBenchmark {
  private ChannelKey key;
  private byte[] payload;
  private Chunk chunk;
  private ChunkVerifier verifier;
  private long sequence;

  @Setup
  public void setUp() {
    key = ChannelKey.generate();
    payload = new byte[Chunk.MAX_PAYLOAD];
    new Random(1).nextBytes(payload);
    chunk = ChunkSignature.sign(key, 1, 1_700_000_000_000_000L, 500_000, ChunkFlags.PART_START, 0,
        payload);
    verifier = new ChunkVerifier(key.id());
  }

  @Benchmark
  public Chunk sign() {
    return ChunkSignature.sign(key, sequence++, 1_700_000_000_000_000L, 500_000,
        ChunkFlags.PART_START, 0, payload);
  }

  @Benchmark
  public boolean verifyWithVerifier() {
    return verifier.verify(chunk);
  }

  @Benchmark
  public boolean verifyPerCall() {
    return ChunkSignature.verify(key.id(), chunk);
  }
}
