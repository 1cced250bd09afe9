package io.swarmtv.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.TestFeeds;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.ts.TsPacketReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkerTest {

  /** Chunks {@code ts} as if it arrived evenly over {@code seconds}. */
  static List<ChunkCut> chunk(byte[] ts, double seconds, ChunkerSettings settings) throws IOException {
    List<ChunkCut> cuts = new ArrayList<>();
    Chunker chunker = new Chunker(settings, cuts::add);
    TsPacketReader reader = new TsPacketReader(new ByteArrayInputStream(ts));
    long packets = ts.length / TsPacket.SIZE;
    double microsPerPacket = seconds * 1e6 / Math.max(1, packets);
    byte[] buf = new byte[TsPacket.SIZE * 32];
    long index = 0;
    int n;
    while ((n = reader.read(buf, 0, 32)) >= 0) {
      for (int i = 0; i < n; i++) {
        chunker.accept(buf, i * TsPacket.SIZE, Math.round(index++ * microsPerPacket));
      }
    }
    chunker.finish();
    return cuts;
  }

  static byte[] concat(List<ChunkCut> cuts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cuts.forEach(c -> out.writeBytes(c.payload()));
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(TestFeeds.class)
  void chunksConcatenateToTheInputAndSegmentsStartAtKeyframes(TestFeeds feed) throws Exception {
    byte[] ts = Files.readAllBytes(feed.path());
    List<ChunkCut> cuts = chunk(ts, feed.seconds(), ChunkerSettings.DEFAULT);

    assertArrayEquals(ts, concat(cuts), "chunks must concatenate to the input byte for byte");
    long offset = 0;
    for (int i = 0; i < cuts.size(); i++) {
      ChunkCut c = cuts.get(i);
      assertEquals(i, c.sequence());
      assertEquals(offset, c.byteOffset());
      assertTrue(c.payload().length > 0 && c.payload().length <= 16 * 1024, "chunk size " + c.payload().length);
      assertEquals(0, c.payload().length % TsPacket.SIZE);
      offset += c.payload().length;
    }

    List<ChunkCut> segments = cuts.stream().filter(c -> c.has(ChunkFlags.SEGMENT_START)).toList();
    assertFalse(segments.isEmpty(), "a feed of " + feed.seconds() + " s has segments");
    segments.forEach(s -> assertTrue(s.has(ChunkFlags.PART_START), "a segment start is a part start"));
    if (feed.hasVideo()) {
      Set<Long> keyframes = new HashSet<>(FfprobePackets.of(feed.path(), "v:0").keyframePositions());
      for (ChunkCut s : segments) {
        assertTrue(keyframes.contains(s.byteOffset()),
            "segment chunk " + s.sequence() + " at byte " + s.byteOffset() + " is not where ffprobe sees a keyframe " + keyframes);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestFeeds.class)
  void partsStayWithinTheTargetAndDurationsAddUp(TestFeeds feed) throws Exception {
    byte[] ts = Files.readAllBytes(feed.path());
    List<ChunkCut> cuts = chunk(ts, feed.seconds(), ChunkerSettings.DEFAULT);
    long part = -1;
    long total = 0;
    int parts = 0;
    for (ChunkCut c : cuts) {
      if (c.has(ChunkFlags.PART_START)) {
        if (part >= 0) {
          assertTrue(part <= 500_000, "part of " + part + " us is over 0.5 s");
        }
        part = 0;
        parts++;
      }
      if (part >= 0) {
        part += c.durationMicros();
      }
      total += c.durationMicros();
    }
    assertTrue(parts >= feed.seconds() * 2 - 2, parts + " parts in " + feed.seconds() + " s");
    assertEquals(feed.seconds() * 1e6, total, 0.1 * feed.seconds() * 1e6, "media time covered by the chunks");
  }

  @Test
  void aChunkNeverWaitsLongerThanTheDelayAtTheSource() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    double seconds = TestFeeds.H264_BFRAMES_25.seconds();
    double microsPerPacket = seconds * 1e6 / (ts.length / TsPacket.SIZE);
    for (ChunkCut c : chunk(ts, seconds, ChunkerSettings.DEFAULT)) {
      double span = (c.packets() - 1) * microsPerPacket;
      // A chunk starting at a frame may wait the few packets it takes to see the frame's type.
      assertTrue(span < 50_000 + 10 * microsPerPacket, "chunk " + c.sequence() + " spans " + span + " us");
    }
  }

  @Test
  void shortGopsMakeSegmentsOfAtLeastTheMinimum() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_60_SHORT_GOP.path());
    List<ChunkCut> cuts = chunk(ts, 4, ChunkerSettings.DEFAULT);
    long keyframes = FfprobePackets.of(TestFeeds.H264_60_SHORT_GOP.path(), "v:0").keyframePositions().size();
    long segments = cuts.stream().filter(c -> c.has(ChunkFlags.SEGMENT_START)).count();
    assertTrue(keyframes > segments, keyframes + " keyframes (every 0.4 s) but " + segments + " segments");
    long sinceSegment = -1;
    for (ChunkCut c : cuts) {
      if (c.has(ChunkFlags.SEGMENT_START)) {
        assertTrue(sinceSegment < 0 || sinceSegment >= 1_000_000, "segment of " + sinceSegment + " us");
        sinceSegment = 0;
      }
      if (sinceSegment >= 0) sinceSegment += c.durationMicros();
    }
  }

  @Test
  void aChangedProgramMapStartsAFlaggedDiscontinuity() throws Exception {
    byte[] first = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] second = Files.readAllBytes(TestFeeds.HEVC_25.path());
    byte[] joined = new byte[first.length + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    List<ChunkCut> cuts = chunk(joined, 12, ChunkerSettings.DEFAULT);
    assertArrayEquals(joined, concat(cuts));
    List<ChunkCut> flagged = cuts.stream().filter(c -> c.has(ChunkFlags.DISCONTINUITY)).toList();
    assertEquals(1, flagged.size(), "one discontinuity where the second feed begins: " + flagged);
    assertTrue(flagged.get(0).byteOffset() >= first.length - 16 * 1024 && flagged.get(0).byteOffset() <= first.length + 2048,
        "discontinuity at " + flagged.get(0).byteOffset() + ", the join is at " + first.length);
    assertTrue(cuts.stream().anyMatch(c -> c.byteOffset() > first.length && c.has(ChunkFlags.SEGMENT_START)),
        "the second feed starts segments of its own");
  }

  /** What ingest does when its source restarts: the feed after the mark is cut as if it came alone. */
  @Test
  void afterAMarkedRestartSegmentsStillStartAtKeyframes() throws Exception {
    byte[] first = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] second = Files.readAllBytes(TestFeeds.H264_2S.path());
    List<ChunkCut> cuts = new ArrayList<>();
    Chunker chunker = new Chunker(ChunkerSettings.DEFAULT, cuts::add);
    long micros = 0;
    for (int p = 0; p < first.length; p += TsPacket.SIZE) {
      chunker.accept(first, p, micros += 100);
    }
    chunker.markDiscontinuity();
    for (int p = 0; p < second.length; p += TsPacket.SIZE) {
      chunker.accept(second, p, micros += 100);
    }
    chunker.finish();
    Set<Long> keyframes = new HashSet<>();
    for (long k : FfprobePackets.of(TestFeeds.H264_2S.path(), "v:0").keyframePositions()) {
      keyframes.add(first.length + k);
    }
    List<ChunkCut> after = cuts.stream()
        .filter(c -> c.byteOffset() >= first.length && c.has(ChunkFlags.SEGMENT_START)).toList();
    assertFalse(after.isEmpty(), "the second feed starts segments of its own");
    for (ChunkCut s : after) {
      assertTrue(keyframes.contains(s.byteOffset()), "segment chunk " + s.sequence() + " at byte " + s.byteOffset()
          + " is not at one of the second feed's keyframes " + keyframes);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void damagedInputIsCutWithoutCrashing(long seed) throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    Random rnd = new Random(seed);
    byte[] damaged = ts.clone();
    for (int i = 0; i < 200; i++) {
      damaged[rnd.nextInt(damaged.length)] = (byte) rnd.nextInt(256); // sync bytes, headers, payload
    }
    byte[] truncated = java.util.Arrays.copyOf(damaged, rnd.nextInt(damaged.length));
    for (byte[] input : List.of(damaged, truncated)) {
      List<ChunkCut> cuts = chunk(input, 6, ChunkerSettings.DEFAULT);
      long bytes = cuts.stream().mapToLong(c -> c.payload().length).sum();
      assertTrue(bytes <= input.length && bytes >= input.length - 300 * TsPacket.SIZE, "kept " + bytes + " of " + input.length);
      cuts.forEach(c -> assertTrue(c.payload().length <= 16 * 1024));
    }
    byte[] noise = new byte[256 * 1024];
    rnd.nextBytes(noise);
    List<ChunkCut> cuts = chunk(noise, 1, ChunkerSettings.DEFAULT);
    assertTrue(cuts.stream().mapToLong(c -> c.payload().length).sum() < 4 * TsPacket.SIZE, "noise yields no packets");
  }
}
