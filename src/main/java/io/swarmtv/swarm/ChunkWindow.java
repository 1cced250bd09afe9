package io.swarmtv.swarm;

import io.swarmtv.channel.Chunk;
import io.swarmtv.swarm.wire.BufferMap;

/**
 * The live window of verified chunks a peer holds: the newest {@code windowMicros} of the channel
 * by source timestamp, at most {@link #SLOTS} sequences. Older chunks fall out as newer ones come;
 * chunks older than the window, or too far ahead of the newest, are refused.
 *
 * <p>A ring indexed by sequence, so lookups and inserts cost the same whatever the window holds.
 * Not thread-safe: it belongs to one channel's thread.
 */
public final class ChunkWindow {
  /** Most sequences kept: 30 s at over 250 chunks a second. */
  public static final int SLOTS = 8192;
  private static final int MASK = SLOTS - 1;

  /** What {@link #add} did with a chunk. */
  public enum Result {
    STORED,
    DUPLICATE,
    /** Below the window: already dropped, or a replay. */
    TOO_OLD,
    /** So far past the newest chunk that no honest source could have made it yet. */
    TOO_FAR_AHEAD
  }

  private final Chunk[] slots = new Chunk[SLOTS];
  private final long windowMicros;
  private final int maxAhead;
  private long newest = -1;
  private long oldest = -1;
  private long latestTimestamp = Long.MIN_VALUE;
  private int size;

  /**
   * @param windowMicros how much stream to keep, by source timestamp
   * @param maxAhead how many sequences past the newest a chunk may be
   */
  public ChunkWindow(long windowMicros, int maxAhead) {
    if (windowMicros <= 0 || maxAhead <= 0 || maxAhead >= SLOTS) {
      throw new IllegalArgumentException("window " + windowMicros + " us, max ahead " + maxAhead);
    }
    this.windowMicros = windowMicros;
    this.maxAhead = maxAhead;
  }

  /**
   * Opens an empty window at {@code first}: chunks from there on are taken, in any order. A peer
   * joining a running channel starts a little before the newest chunk it has heard of, so that
   * the backfill it fetches is not refused as too old.
   */
  public void startAt(long first) {
    if (newest >= 0 || size > 0) {
      throw new IllegalStateException("the window already holds chunks");
    }
    oldest = first;
    newest = first - 1;
  }

  /** Drops every chunk: the window is as new. */
  public void clear() {
    java.util.Arrays.fill(slots, null);
    newest = -1;
    oldest = -1;
    latestTimestamp = Long.MIN_VALUE;
    size = 0;
  }

  /** Stores a verified chunk, dropping whatever falls out of the window. */
  public Result add(Chunk chunk) {
    long seq = chunk.sequence();
    if (newest < 0 && oldest < 0) {
      put(chunk);
      newest = seq;
      oldest = seq;
      return Result.STORED;
    }
    if (seq < oldest) {
      return Result.TOO_OLD;
    }
    if (seq > newest + maxAhead) {
      return Result.TOO_FAR_AHEAD;
    }
    if (seq <= newest && slots[(int) (seq & MASK)] != null) {
      return Result.DUPLICATE;
    }
    if (seq > newest) {
      for (long s = newest + 1; s <= seq; s++) {
        clear(s - SLOTS); // the slot s will use; maxAhead < SLOTS keeps this loop short
      }
      newest = seq;
      oldest = Math.max(oldest, seq - SLOTS + 1);
    } else if (chunk.timestampMicros() < latestTimestamp - windowMicros) {
      return Result.TOO_OLD;
    }
    put(chunk);
    evictByTime();
    return Result.STORED;
  }

  private void put(Chunk chunk) {
    slots[(int) (chunk.sequence() & MASK)] = chunk;
    size++;
    latestTimestamp = Math.max(latestTimestamp, chunk.timestampMicros());
  }

  private void clear(long seq) {
    if (seq < 0) {
      return;
    }
    int i = (int) (seq & MASK);
    if (slots[i] != null && slots[i].sequence() == seq) {
      slots[i] = null;
      size--;
    }
  }

  /**
   * Drops chunks older than the window, with the holes before them: chunks come in source order,
   * so a hole before a chunk that is too old is too old as well. Holes before a chunk still in the
   * window stay open: a joiner's backfill or a repair may yet fill them.
   */
  private void evictByTime() {
    long limit = latestTimestamp - windowMicros;
    while (oldest < newest) {
      long p = oldest;
      while (p <= newest && get(p) == null) {
        p++;
      }
      if (p > newest || slots[(int) (p & MASK)].timestampMicros() >= limit) {
        return;
      }
      for (long s = oldest; s <= p; s++) {
        clear(s);
      }
      oldest = p + 1;
    }
  }

  /** The chunk with {@code seq}, or null when it is not held. */
  public Chunk get(long seq) {
    if (seq < oldest || seq > newest || seq < 0) {
      return null;
    }
    Chunk c = slots[(int) (seq & MASK)];
    return c != null && c.sequence() == seq ? c : null;
  }

  public boolean has(long seq) {
    return get(seq) != null;
  }

  /** The newest sequence held, or -1 before the first chunk. */
  public long newest() {
    return newest;
  }

  /** The lowest sequence the window still covers, or -1 before the first chunk. */
  public long oldest() {
    return oldest;
  }

  /** Chunks held. */
  public int size() {
    return size;
  }

  /** The newest {@code span} sequences' presence, as the wire's buffer map. */
  public BufferMap bufferMap(int span) {
    if (newest < 0) {
      return BufferMap.of(0, 0, s -> false);
    }
    int n = (int) Math.max(0, Math.min(Math.min(span, BufferMap.MAX_SPAN), newest - oldest + 1));
    return BufferMap.of(newest - n + 1, n, this::has);
  }
}
