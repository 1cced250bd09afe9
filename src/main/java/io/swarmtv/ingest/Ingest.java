package io.swarmtv.ingest;

import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Feed} into a {@link Chunker} on a thread of its own, and on a timer flushes
 * chunks that have waited long enough, so that a stalling feed does not hold back what it already
 * delivered.
 *
 * <p>Chunks go to the consumer in order, one at a time, from either of the two threads and with
 * the chunker's lock held: the consumer should hand them on rather than do slow work.
 */
public final class Ingest implements AutoCloseable {
  /** How often waiting chunks are checked; well under the chunker's 50 ms limit. */
  public static final Duration FLUSH_INTERVAL = Duration.ofMillis(10);
  /** Longest {@link #close} waits for the feed thread. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
  /** How long a closed feed gets to return by itself before its thread is interrupted. */
  private static final long CLOSE_GRACE_MILLIS = 100;

  private static final Logger log = LoggerFactory.getLogger(Ingest.class);

  private final Feed feed;
  private final MicrosClock clock;
  private final Chunker chunker;
  private final Object lock = new Object();
  private final Thread thread;
  private final ScheduledExecutorService ticker;
  private final CountDownLatch ended = new CountDownLatch(1);

  private volatile long packets;
  private volatile long chunks;
  private volatile long discontinuities;
  private volatile boolean closing;
  private volatile String failure;

  private Ingest(Feed feed, ChunkerSettings settings, MicrosClock clock, Consumer<ChunkCut> consumer) {
    this.feed = Objects.requireNonNull(feed);
    this.clock = Objects.requireNonNull(clock);
    Objects.requireNonNull(consumer);
    this.chunker = new Chunker(settings, cut -> {
      chunks++;
      try {
        consumer.accept(cut);
      } catch (RuntimeException e) {
        throw new ConsumerFailure(e);
      }
    });
    this.thread = new Thread(this::runFeed, "ingest " + feed.description());
    this.thread.setDaemon(true); // a read that ignores close and interrupt must not keep the JVM up
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-flush " + feed.description());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts running {@code feed} into a chunker with {@code settings}, cut chunks going to {@code consumer}. */
  public static Ingest start(Feed feed, ChunkerSettings settings, MicrosClock clock, Consumer<ChunkCut> consumer) {
    Ingest ingest = new Ingest(feed, settings, clock, consumer);
    long period = FLUSH_INTERVAL.toNanos();
    // Timer first: a short feed can end, and shut the timer down, before start() would get to it.
    ingest.ticker.scheduleAtFixedRate(ingest::tick, period, period, TimeUnit.NANOSECONDS);
    ingest.thread.start();
    return ingest;
  }

  private void runFeed() {
    log.info("ingest from {} started", feed.description());
    try {
      feed.run(new PacketSink() {
        @Override
        public void accept(byte[] b, int off, int count, long arrivalMicros) {
          synchronized (lock) {
            chunker.accept(b, off, count, arrivalMicros);
            packets += count;
          }
        }

        @Override
        public void discontinuity() {
          synchronized (lock) {
            chunker.markDiscontinuity();
            discontinuities++;
          }
        }
      });
      if (!closing) {
        log.info("{} ended", feed.description());
      }
    } catch (InterruptedException e) {
      if (!closing) {
        fail("interrupted reading " + feed.description());
      }
    } catch (FeedException e) {
      if (!closing) {
        fail(e.getMessage());
      }
    } catch (ConsumerFailure e) {
      if (!closing) {
        log.debug("chunk consumer failed", e.getCause());
        fail("passing chunks on failed: " + e.getCause());
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        log.debug("ingest from {} failed", feed.description(), e);
        fail("reading " + feed.description() + " failed: " + e);
      }
    } finally {
      try {
        synchronized (lock) {
          chunker.finish();
        }
      } catch (RuntimeException e) {
        fail("emitting the last chunk failed: " + e);
      }
      ticker.shutdown();
      feed.close();
      ended.countDown();
    }
  }

  private void tick() {
    try {
      long now = clock.nowMicros();
      feed.tick(now);
      synchronized (lock) {
        chunker.flushIfDue(now);
      }
    } catch (RuntimeException e) {
      // An exception would cancel the timer silently, and chunks would then wait on the feed.
      fail("flushing chunks failed: " + e);
      feed.close();
    }
  }

  private synchronized void fail(String message) {
    if (failure == null) {
      failure = message;
      log.warn("ingest stopped: {}", message);
    }
  }

  /** A snapshot of the counters. */
  public IngestCounters counters() {
    long p = packets;
    return new IngestCounters(p, p * TsPacket.SIZE, feed.skippedBytes(), feed.resyncs(), feed.datagramsDropped(),
        chunks, discontinuities);
  }

  /** Whether the feed is still being read. */
  public boolean isRunning() {
    return ended.getCount() > 0;
  }

  /** Waits for the feed to end, by itself or by {@link #close}; false if it is still running. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Why the feed ended, when it failed rather than ran out or was closed. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  public Feed feed() {
    return feed;
  }

  /**
   * Stops the feed and waits up to {@link #CLOSE_TIMEOUT} for its thread, which emits what is
   * left in the chunker as a last chunk on its way out.
   */
  @Override
  public void close() {
    closing = true;
    feed.close();
    try {
      thread.join(CLOSE_GRACE_MILLIS);
      if (thread.isAlive()) {
        thread.interrupt(); // a pacing sleep, stdin, or an HTTP request in flight
        thread.join(CLOSE_TIMEOUT.toMillis() - CLOSE_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ticker.shutdownNow();
    if (thread.isAlive()) {
      log.warn("ingest thread for {} did not stop within {} s", feed.description(), CLOSE_TIMEOUT.toSeconds());
    }
  }

  /** Marks an exception as the consumer's, not the feed's, for the failure message. */
  private static final class ConsumerFailure extends RuntimeException {
    ConsumerFailure(RuntimeException cause) {
      super(cause);
    }
  }
}
