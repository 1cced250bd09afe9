package io.swarmtv.ingest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps the chunks an ingest cuts, for tests that read them from another thread. */
final class ChunkCollector implements Consumer<ChunkCut> {
  private final List<ChunkCut> chunks = new ArrayList<>();
  private final List<Long> waits = new ArrayList<>();
  private final MicrosClock clock;

  ChunkCollector() {
    this(null);
  }

  /** Also notes how long each chunk's first packet waited before the chunk came out. */
  ChunkCollector(MicrosClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void accept(ChunkCut cut) {
    chunks.add(cut);
    if (clock != null) {
      waits.add(clock.nowMicros() - cut.arrivalMicros());
    }
  }

  synchronized List<ChunkCut> chunks() {
    return new ArrayList<>(chunks);
  }

  synchronized int size() {
    return chunks.size();
  }

  /** The longest a chunk's first packet waited, in microseconds. */
  synchronized long longestWait() {
    return waits.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** All payloads in order: the packets the ingest took. */
  synchronized byte[] concatenated() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ChunkCut c : chunks) {
      out.writeBytes(c.payload());
    }
    return out.toByteArray();
  }
}
