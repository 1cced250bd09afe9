package io.swarmtv.swarm;

import io.swarmtv.channel.Chunk;

/**
 * How many chunks came in time to play since a node joined: each sequence from the join on counts
 * once its deadline (source timestamp plus playout delay) has passed, on time if it arrived before.
 */
final class ContinuityMeter {
  private final long playoutDelayMicros;
  private long playFrom = -1;
  private long checkedThrough = -1;
  private long onTime;
  private long late;
  private long expected;

  ContinuityMeter(long playoutDelayMicros) {
    this.playoutDelayMicros = playoutDelayMicros;
  }

  /** Counts from the sequence after {@code newest}. */
  void start(long newest) {
    playFrom = newest + 1;
    checkedThrough = newest;
  }

  boolean started() {
    return playFrom >= 0;
  }

  long playFrom() {
    return playFrom;
  }

  /** Whether {@code seq} counts: it came after the join. */
  boolean counts(long seq) {
    return playFrom >= 0 && seq >= playFrom;
  }

  /** A counted chunk arrived {@code delayMicros} after its source timestamp. */
  void arrived(long delayMicros) {
    if (delayMicros <= playoutDelayMicros) onTime++;
    else late++;
  }

  /** Moves past every sequence whose deadline has passed. */
  void account(ChunkWindow window, long now) {
    if (playFrom < 0) {
      return;
    }
    long newest = window.newest();
    while (checkedThrough < newest) {
      long seq = checkedThrough + 1;
      Chunk c = window.get(seq);
      if (c == null) {
        // Its deadline is past once a later chunk's is: chunks are in source order.
        Chunk later = null;
        for (long s = seq + 1; s <= newest && later == null; s++) later = window.get(s);
        if (later == null || now - later.timestampMicros() <= playoutDelayMicros) {
          return;
        }
      } else if (now - c.timestampMicros() <= playoutDelayMicros) {
        return;
      }
      checkedThrough = seq;
      expected++;
    }
  }

  long onTime() {
    return onTime;
  }

  long late() {
    return late;
  }

  long expected() {
    return expected;
  }
}
