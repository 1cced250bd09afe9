package io.swarmtv.hls.mp4;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.ingest.Chunker;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * TS to fMP4 remuxing throughput on one core, over the bundled demo clip (H.264 + AAC) cut into
 * chunks as the ingest cuts it.
 *
 * <p>Scores are in MB/s of TS input: each operation remuxes one megabyte ({@code 10^6} bytes)
 * of stream into an init segment and one fragment per part. Run with
 * {@code bench/jmh.sh Fmp4Remuxer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class Fmp4RemuxerBenchmark {
  private final List<ChunkCut> chunks = new ArrayList<>();

  @Setup
  public void load() throws IOException {
    byte[] packets = new byte[1_000_000 / TsPacket.SIZE * TsPacket.SIZE];
    try (TsLoop loop = TsLoop.demoClip()) {
      loop.read(packets, 0, packets.length / TsPacket.SIZE);
    }
    Chunker chunker = new Chunker(ChunkerSettings.DEFAULT, chunks::add);
    for (int off = 0, i = 0; off < packets.length; off += TsPacket.SIZE, i++) {
      chunker.accept(packets, off, i * 100L);
    }
    chunker.finish();
  }

  /** Demultiplexing, PES gathering, NAL and ADTS rewriting, and writing the fragments. */
  @Benchmark
  public long remux() {
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    long out = 0;
    for (ChunkCut c : chunks) {
      if (c.has(ChunkFlags.PART_START)) {
        out += size(remuxer.cutFragment());
      }
      remuxer.accept(c.payload(), 0, c.payload().length);
    }
    out += size(remuxer.cutFragment());
    return out + remuxer.initSegment().length;
  }

  private static long size(Fragment f) {
    return f == null ? 0 : f.bytes().length;
  }
}
