package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.BufferMap;

/**
 * Which sequences a neighbour says it holds, from its buffer map and haves: a sliding ring of
 * bits over the newest {@link ChunkWindow#SLOTS} sequences it announced.
 */
final class PeerHoldings {
  private static final int SLOTS = ChunkWindow.SLOTS;
  private final long[] bits = new long[SLOTS / 64];
  private long newest = -1;

  void set(long seq) {
    if (seq < 0 || (newest >= 0 && seq <= newest - SLOTS)) {
      return;
    }
    if (seq > newest) {
      long from = newest < 0 ? seq - SLOTS + 1 : Math.max(newest + 1, seq - SLOTS + 1);
      for (long s = from; s < seq; s++) {
        clear(s); // slots reused by the newer sequences
      }
      newest = seq;
    }
    bits[(int) ((seq & (SLOTS - 1)) >>> 6)] |= 1L << (seq & 63);
  }

  private void clear(long seq) {
    if (seq >= 0) {
      bits[(int) ((seq & (SLOTS - 1)) >>> 6)] &= ~(1L << (seq & 63));
    }
  }

  boolean has(long seq) {
    return seq >= 0 && seq <= newest && seq > newest - SLOTS
        && (bits[(int) ((seq & (SLOTS - 1)) >>> 6)] & (1L << (seq & 63))) != 0;
  }

  /** The newest sequence announced, or -1. */
  long newest() {
    return newest;
  }

  void apply(BufferMap map) {
    map.sequences().forEach(this::set);
  }
}
