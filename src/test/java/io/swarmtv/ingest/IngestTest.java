package io.swarmtv.ingest;

import io.swarmtv.testing.TestFeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {
  private static final Duration ENDS_WITHIN = Duration.ofSeconds(10);

  static Path samplePath;
  static byte[] sample;

  @TempDir Path dir;
  private final VirtualClock virtual = new VirtualClock(1_000_000_000L);
  private final ChunkCollector chunks = new ChunkCollector();

  @BeforeAll
  static void makeMedia() {
    samplePath = TestFeeds.H264_2S.path();
    sample = SampleMedia.bytes(samplePath);
  }

  /** Plays {@code bytes} as a file on the virtual clock to its end. */
  private Ingest playFile(byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve("input.ts"), bytes);
    Feed feed = Feed.open(FeedAddress.parse(file.toString()), FeedSettings.DEFAULT, virtual, virtual);
    Ingest ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, virtual, chunks);
    assertTrue(ingest.awaitEnd(ENDS_WITHIN), "the ingest ends at the end of the file");
    assertTrue(ingest.failure().isEmpty(), () -> ingest.failure().get());
    return ingest;
  }

  private static byte[] without(byte[] b, int from, int to) {
    byte[] out = new byte[b.length - (to - from)];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(b, to, out, from, b.length - to);
    return out;
  }

  @Test
  void aFileIsChunkedWhole() throws Exception {
    try (Ingest ingest = playFile(sample)) {
      assertArrayEquals(sample, chunks.concatenated());
      IngestCounters c = ingest.counters();
      assertEquals(sample.length / TsPacket.SIZE, c.packets());
      assertEquals(sample.length, c.bytes());
      assertEquals(chunks.size(), c.chunks());
      assertEquals(0, c.skippedBytes());
      assertTrue(chunks.chunks().get(0).has(ChunkFlags.SEGMENT_START) || chunks.size() > 1);
    }
  }

  @Test
  void randomBytesAreSkippedWithoutFailing() throws Exception {
    byte[] noise = new byte[1 << 20];
    new Random(1).nextBytes(noise);
    try (Ingest ingest = playFile(noise)) {
      IngestCounters c = ingest.counters();
      assertEquals(noise.length, c.skippedBytes() + c.bytes(), "every byte is passed on or counted as skipped");
      assertTrue(c.skippedBytes() > noise.length * 9L / 10, "skipped " + c.skippedBytes());
    }
  }

  @Test
  void aTruncatedFileLosesOnlyItsLastPartialPacket() throws Exception {
    int cut = sample.length / 2 + 77;
    try (Ingest ingest = playFile(Arrays.copyOf(sample, cut))) {
      int whole = cut / TsPacket.SIZE * TsPacket.SIZE;
      assertArrayEquals(Arrays.copyOf(sample, whole), chunks.concatenated());
      assertEquals(cut - whole, ingest.counters().skippedBytes());
    }
  }

  @Test
  void wrongSyncBytesMidFileCostThosePacketsOnly() throws Exception {
    byte[] broken = sample.clone();
    int first = sample.length / TsPacket.SIZE / 2;
    for (int i = first; i < first + 3; i++) {
      broken[i * TsPacket.SIZE] = 0x48;
    }
    try (Ingest ingest = playFile(broken)) {
      assertArrayEquals(without(sample, first * TsPacket.SIZE, (first + 3) * TsPacket.SIZE), chunks.concatenated());
      IngestCounters c = ingest.counters();
      assertEquals(3 * TsPacket.SIZE, c.skippedBytes());
      assertEquals(1, c.resyncs());
    }
  }

  @Test
  void garbageBetweenPacketsIsSkipped() throws Exception {
    byte[] garbage = new byte[1000];
    new Random(3).nextBytes(garbage);
    int at = sample.length / TsPacket.SIZE / 3 * TsPacket.SIZE;
    ByteArrayOutputStream spliced = new ByteArrayOutputStream();
    spliced.write(sample, 0, at);
    spliced.writeBytes(garbage);
    spliced.write(sample, at, sample.length - at);
    try (Ingest ingest = playFile(spliced.toByteArray())) {
      assertArrayEquals(sample, chunks.concatenated());
      assertEquals(garbage.length, ingest.counters().skippedBytes());
      assertEquals(1, ingest.counters().resyncs());
    }
  }

  @Test
  void aLoopedFilePlaysOnAsOneContinuousStream() throws Exception {
    Feed feed = Feed.open(FeedAddress.parse(samplePath.toString()), FeedSettings.DEFAULT.withLoop(true), virtual, virtual);
    Ingest ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, virtual, chunks);
    long deadline = System.nanoTime() + ENDS_WITHIN.toNanos();
    while (ingest.counters().bytes() < 3L * sample.length && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    ingest.close();
    assertTrue(ingest.counters().bytes() >= 3L * sample.length, "three passes: " + ingest.counters());
    assertTrue(ingest.failure().isEmpty());
    List<ChunkCut> cuts = chunks.chunks();
    assertEquals(List.of(), cuts.stream().filter(c -> c.has(ChunkFlags.DISCONTINUITY))
            .map(c -> "chunk " + c.sequence() + " at byte " + c.byteOffset() + " (pass " + c.byteOffset() / sample.length
                + ", offset " + c.byteOffset() % sample.length + ", pts " + c.pts() + ")").toList(),
        "timestamps carry on across the wrap, so nothing is a discontinuity");
    assertEquals(0, ingest.counters().discontinuities());
    long segmentsInLaterPasses = cuts.stream()
        .filter(c -> c.byteOffset() >= sample.length && c.has(ChunkFlags.SEGMENT_START)).count();
    assertTrue(segmentsInLaterPasses >= 2 * 2, "keyframes keep starting segments after the wrap: " + segmentsInLaterPasses);
  }

  @Test
  void aFileGoneBeforeItIsOpenedIsReported() throws Exception {
    Path file = Files.copy(samplePath, dir.resolve("soon-gone.ts"));
    Feed feed = Feed.open(FeedAddress.parse(file.toString()), FeedSettings.DEFAULT, virtual, virtual);
    Files.delete(file);
    try (Ingest ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, virtual, chunks)) {
      assertTrue(ingest.awaitEnd(ENDS_WITHIN));
      assertEquals("input file is gone: " + file, ingest.failure().orElseThrow());
    }
  }

  @Test
  void standardInputIsReadFromAStream() throws Exception {
    MicrosClock clock = MicrosClock.system();
    Feed feed = new StreamFeed("-", new ByteArrayInputStream(sample), clock);
    try (Ingest ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, clock, chunks)) {
      assertTrue(ingest.awaitEnd(ENDS_WITHIN));
      assertTrue(ingest.failure().isEmpty());
      assertArrayEquals(sample, chunks.concatenated());
    }
  }

  @Test
  void aStallingLiveStreamStillHasItsChunksFlushedInTime() throws Exception {
    MicrosClock clock = MicrosClock.system();
    ChunkCollector timed = new ChunkCollector(clock);
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(writer, 1 << 20);
    Ingest ingest = Ingest.start(new StreamFeed("-", in, clock), ChunkerSettings.DEFAULT, clock, timed);
    writer.write(sample);
    writer.flush();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (timed.concatenated().length < sample.length && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertArrayEquals(sample, timed.concatenated(), "all delivered while the stream stays open");
    assertTrue(ingest.isRunning());
    long worst = timed.longestWait();
    assertTrue(worst < 500_000, "a chunk waited " + worst + " us at the source");

    long before = System.nanoTime();
    ingest.close(); // the pipe read ignores close; the interrupt frees it
    assertTrue(System.nanoTime() - before < Ingest.CLOSE_TIMEOUT.toNanos());
    assertFalse(ingest.isRunning());
    assertTrue(ingest.failure().isEmpty());
    writer.close();
  }

  @Test
  void aFailingConsumerEndsTheIngestInsteadOfHangingIt() throws Exception {
    Feed feed = Feed.open(FeedAddress.parse(samplePath.toString()), FeedSettings.DEFAULT, virtual, virtual);
    try (Ingest ingest = Ingest.start(feed, ChunkerSettings.DEFAULT, virtual, cut -> {
      throw new IllegalStateException("downstream is gone");
    })) {
      assertTrue(ingest.awaitEnd(ENDS_WITHIN));
      assertEquals("passing chunks on failed: java.lang.IllegalStateException: downstream is gone",
          ingest.failure().orElseThrow());
    }
  }
}
