package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts chunks that arrive in any order back into sequence order. A missing chunk is waited for
 * until {@code maxWaitMicros} after a later one arrived; then it is declared lost, so a swarm
 * stall costs a bounded delay and shows as a gap rather than stopping the channel.
 *
 * <p>At most {@code maxHeld} chunks wait behind a hole; one more declares the hole lost at once,
 * so memory stays bounded whatever the swarm delivers. Not thread-safe.
 */
public final class ChunkReorder {
  private final OrderedChunkSink sink;
  private final long maxWaitMicros;
  private final int maxHeld;
  private final TreeMap<Long, Chunk> held = new TreeMap<>();
  private long next = -1;
  private long holeSinceMicros = -1;
  private long dropped;

  public ChunkReorder(OrderedChunkSink sink, long maxWaitMicros, int maxHeld) {
    this.sink = Objects.requireNonNull(sink);
    if (maxWaitMicros < 0 || maxHeld < 1) {
      throw new IllegalArgumentException("wait must be >= 0 and held >= 1");
    }
    this.maxWaitMicros = maxWaitMicros;
    this.maxHeld = maxHeld;
  }

  /** Takes a chunk that arrived at {@code nowMicros}; passes on whatever is now in order. */
  public void accept(Chunk chunk, long nowMicros) {
    long seq = chunk.sequence();
    if (next < 0) {
      next = seq; // the first chunk after joining starts the order; earlier ones are history
    }
    if (seq < next || held.containsKey(seq)) {
      dropped++;
      return;
    }
    held.put(seq, chunk);
    drain();
    if (!held.isEmpty() && holeSinceMicros < 0) {
      holeSinceMicros = nowMicros;
    }
    if (held.size() > maxHeld) {
      skipHole();
    }
    tick(nowMicros);
  }

  /** Declares the current hole lost once it has been waited for long enough. */
  public void tick(long nowMicros) {
    while (!held.isEmpty() && nowMicros - holeSinceMicros >= maxWaitMicros) {
      skipHole();
      if (!held.isEmpty()) {
        holeSinceMicros = nowMicros; // the next hole's wait starts now: its chunks may still come
      }
    }
  }

  /** Chunks held behind a hole now. */
  public int held() {
    return held.size();
  }

  /** Chunks dropped as late (behind the order) or repeated. */
  public long dropped() {
    return dropped;
  }

  /** The sequence the order waits for next, or -1 before the first chunk. */
  public long next() {
    return next;
  }

  private void skipHole() {
    long first = held.firstKey();
    sink.lost(next, first);
    next = first;
    drain();
  }

  private void drain() {
    Chunk c;
    while ((c = held.remove(next)) != null) {
      sink.chunk(c);
      next++;
    }
    if (held.isEmpty()) {
      holeSinceMicros = -1;
    }
  }
}
