package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.Feed;
import io.swarmtv.ingest.Ingest;
import io.swarmtv.ingest.IngestCounters;
import io.swarmtv.ingest.MicrosClock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A channel at its source: a feed ingested live, cut into chunks and signed with the channel key,
 * each signed chunk handed on in order.
 */
final class LiveChannel implements AutoCloseable {
  private final Ingest ingest;
  private final AtomicLong segments = new AtomicLong();
  private final AtomicLong mediaMicros = new AtomicLong();
  private final AtomicLong signNanos = new AtomicLong();
  private final AtomicLong signed = new AtomicLong();
  private final ChannelFormatReader format = new ChannelFormatReader();

  private LiveChannel(ChannelKey key, Feed feed, ChunkerSettings settings, MicrosClock clock, Consumer<Chunk> out) {
    Objects.requireNonNull(key);
    Objects.requireNonNull(out);
    // Signing runs on the ingest thread: at about a millisecond a chunk it keeps order for free
    // and costs far less than the 50 ms a chunk may wait at the source.
    this.ingest = Ingest.start(feed, settings, clock, cut -> out.accept(sign(key, cut)));
  }

  static LiveChannel start(ChannelKey key, Feed feed, ChunkerSettings settings, MicrosClock clock, Consumer<Chunk> out) {
    return new LiveChannel(key, feed, settings, clock, out);
  }

  private Chunk sign(ChannelKey key, ChunkCut cut) {
    long t0 = System.nanoTime();
    Chunk chunk = ChunkSignature.sign(key, cut.sequence(), cut.arrivalMicros(),
        (int) Math.min(Integer.MAX_VALUE, cut.durationMicros()), cut.flags(), 0, cut.payload());
    signNanos.addAndGet(System.nanoTime() - t0);
    format.accept(cut.payload());
    signed.incrementAndGet();
    mediaMicros.addAndGet(cut.durationMicros());
    if (cut.has(ChunkFlags.SEGMENT_START)) {
      segments.incrementAndGet();
    }
    return chunk;
  }

  /**
   * Figures for the status line and the channel metadata.
   *
   * @param format the stream's codecs and picture as read from what was signed so far
   */
  record Stats(IngestCounters ingest, long chunks, long segments, Duration media, double signMillisPerChunk,
      ChannelFormatReader.Format format) {}

  Stats stats() {
    long n = signed.get();
    return new Stats(ingest.counters(), n, segments.get(), Duration.ofNanos(mediaMicros.get() * 1000),
        n == 0 ? 0 : signNanos.get() / 1e6 / n, format.current());
  }

  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ingest.awaitEnd(timeout);
  }

  boolean isRunning() {
    return ingest.isRunning();
  }

  Optional<String> failure() {
    return ingest.failure();
  }

  @Override
  public void close() {
    ingest.close();
  }
}
