package io.swarmtv.bench;

import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.ingest.Chunker;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.ts.TsPacketReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * MPEG-TS parse and chunk throughput on one core, over the bundled demo clip (H.264 + AAC).
 *
 * <p>Scores are in MB/s of input: each operation is one megabyte ({@code 10^6} bytes) of stream
 * read, demultiplexed, inspected for keyframes and cut into chunks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ChunkerBenchmark {
  private byte[] packets;
  private long sink;

  @Setup
  public void load() throws IOException {
    // Exactly one megabyte of whole packets: the demo clip played on as one continuous stream.
    packets = new byte[1_000_000 / TsPacket.SIZE * TsPacket.SIZE];
    try (TsLoop loop = TsLoop.demoClip()) {
      loop.read(packets, 0, packets.length / TsPacket.SIZE);
    }
  }

  /** Packet alignment and sync checking alone. */
  @Benchmark
  public int readPackets() throws IOException {
    TsPacketReader reader = new TsPacketReader(new ByteArrayInputStream(packets));
    byte[] buf = new byte[TsPacket.SIZE * 64];
    int total = 0;
    int n;
    while ((n = reader.read(buf, 0, 64)) >= 0) {
      total += n;
    }
    return total;
  }

  /** Demultiplexing, keyframe detection and chunking of aligned packets. */
  @Benchmark
  public long chunk() {
    Chunker chunker = new Chunker(ChunkerSettings.DEFAULT, this::consume);
    for (int off = 0, i = 0; off < packets.length; off += TsPacket.SIZE, i++) {
      chunker.accept(packets, off, i * 100L);
    }
    chunker.finish();
    return sink;
  }

  private void consume(ChunkCut cut) {
    sink += cut.payload().length;
  }
}
