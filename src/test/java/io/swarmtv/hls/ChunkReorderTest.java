package io.swarmtv.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkReorderTest {
  /** What the reorder stage passed on: sequences, and lost ranges as negative entries. */
  private final List<String> out = new ArrayList<>();
  private final OrderedChunkSink sink = new OrderedChunkSink() {
    @Override
    public void chunk(Chunk chunk) {
      out.add(Long.toString(chunk.sequence()));
    }

    @Override
    public void lost(long from, long to) {
      out.add("lost " + from + ".." + to);
    }
  };

  private static Chunk chunk(long seq) {
    return new Chunk(seq, 0, 40_000, 0, 0, new byte[0], new byte[Chunk.SIGNATURE_LENGTH]);
  }

  @Test
  void putsChunksBackInOrderAndDropsRepeats() {
    ChunkReorder r = new ChunkReorder(sink, 1_000_000, 100);
    r.accept(chunk(10), 0);
    r.accept(chunk(12), 0);
    r.accept(chunk(13), 0);
    assertEquals(List.of("10"), out);
    r.accept(chunk(11), 10);
    r.accept(chunk(11), 20);
    r.accept(chunk(9), 20);
    assertEquals(List.of("10", "11", "12", "13"), out);
    assertEquals(2, r.dropped());
    assertEquals(0, r.held());
  }

  @Test
  void aHoleIsWaitedForUntilItsDeadlineThenDeclaredLost() {
    ChunkReorder r = new ChunkReorder(sink, 1_000_000, 100);
    r.accept(chunk(0), 0);
    r.accept(chunk(3), 100_000);
    r.tick(1_099_999);
    assertEquals(List.of("0"), out, "not before the deadline");
    r.tick(1_100_000);
    assertEquals(List.of("0", "lost 1..3", "3"), out);
    r.accept(chunk(1), 1_200_000);
    assertEquals(3, out.size(), "a chunk after its hole was declared lost is too late");
    assertEquals(1, r.dropped());
  }

  @Test
  void holdingTooManyChunksGivesUpTheHoleAtOnce() {
    ChunkReorder r = new ChunkReorder(sink, 60_000_000, 3);
    r.accept(chunk(0), 0);
    for (int s = 2; s <= 5; s++) {
      r.accept(chunk(s), 0);
    }
    assertEquals(List.of("0", "lost 1..2", "2", "3", "4", "5"), out);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shuffledArrivalsComeOutComplete(long seed) {
    Random random = new Random(seed);
    List<long[]> keyed = new ArrayList<>();
    for (long s = 1; s < 2000; s++) keyed.add(new long[] {s + random.nextInt(20), s});
    // each chunk arrives up to 20 places late
    keyed.sort((a, b) -> Long.compare(a[0], b[0]));
    List<Long> seqs = keyed.stream().map(k -> k[1]).toList();
    ChunkReorder r = new ChunkReorder(sink, 1_000_000, 4096);
    r.accept(chunk(0), 0);
    long now = 0;
    for (long s : seqs) {
      r.accept(chunk(s), now += 1000);
    }
    assertEquals(2000, out.size());
    for (int i = 0; i < 2000; i++) {
      assertEquals(Integer.toString(i), out.get(i));
    }
    assertTrue(r.held() == 0);
  }
}
