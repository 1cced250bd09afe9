package io.swarmtv.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.Chunk;
import io.swarmtv.swarm.ChunkWindow.Result;
import io.swarmtv.swarm.wire.BufferMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkWindowTest {
  /** Chunks every 40 ms; the window does not check signatures, so a blank one does. */
  static Chunk chunk(long seq) {
    return new Chunk(seq, 1_000_000_000L + seq * 40_000, 40_000, 0, 0, new byte[188], new byte[64]);
  }

  @Test
  void keepsTheNewestSecondsAndDropsTheRest() {
    ChunkWindow w = new ChunkWindow(1_000_000, 100); // one second = 25 chunks
    for (long s = 0; s < 100; s++) {
      assertEquals(Result.STORED, w.add(chunk(s)));
    }
    assertEquals(99, w.newest());
    assertEquals(99 - 25, w.oldest());
    assertEquals(26, w.size());
    assertNull(w.get(10));
    assertSame(w.get(80), w.get(80));
    assertEquals(Result.TOO_OLD, w.add(chunk(10)), "a replay of an old chunk");
    assertEquals(Result.DUPLICATE, w.add(chunk(90)));
  }

  @Test
  void fillsHolesAndRefusesChunksTooFarAhead() {
    ChunkWindow w = new ChunkWindow(30_000_000, 64);
    w.add(chunk(1000));
    assertEquals(Result.STORED, w.add(chunk(1010)));
    assertFalse(w.has(1005));
    assertEquals(Result.STORED, w.add(chunk(1005)));
    assertTrue(w.has(1005));
    assertEquals(Result.TOO_FAR_AHEAD, w.add(chunk(1010 + 65)));
    assertEquals(Result.TOO_OLD, w.add(chunk(999)), "nothing before the first chunk held");
    BufferMap map = w.bufferMap(20);
    assertEquals(1000, map.baseSequence());
    assertEquals(11, map.span());
  }

  @Test
  void aJoinerWindowTakesItsBackfillInAnyOrder() {
    ChunkWindow w = new ChunkWindow(30_000_000, 256);
    w.startAt(900);
    assertEquals(Result.STORED, w.add(chunk(1000)), "the newest first, as a push brings it");
    for (long s = 999; s >= 900; s--) {
      assertEquals(Result.STORED, w.add(chunk(s)), "backfill " + s);
    }
    assertEquals(Result.TOO_OLD, w.add(chunk(899)));
    assertEquals(101, w.size());
  }

  @Test
  void staysConsistentUnderRandomArrivals() {
    Random rnd = new Random(42);
    ChunkWindow w = new ChunkWindow(2_000_000, 200);
    long next = 0;
    java.util.TreeSet<Long> held = new java.util.TreeSet<>();
    for (int i = 0; i < 200_000; i++) {
      long seq = Math.max(0, next - 60 + rnd.nextInt(80));
      Result r = w.add(chunk(seq));
      if (r == Result.STORED) held.add(seq);
      next = Math.max(next, seq + 1);
      held.headSet(w.oldest()).clear();
      assertEquals(held.size(), w.size(), "size after adding " + seq);
    }
    for (long s = w.oldest(); s <= w.newest(); s++) {
      assertEquals(held.contains(s), w.has(s), "sequence " + s);
    }
    long firstHeld = held.first();
    assertTrue(w.newest() - firstHeld < 51, "two seconds of 40 ms chunks, and only open holes before them");
  }
}
