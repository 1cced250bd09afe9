package io.swarmtv.ingest;

import io.swarmtv.testing.TestFeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacedFeedTest {
  private static final long T0 = 1_700_000_000_000_000L;

  static Path sample;
  static byte[] sampleBytes;

  @TempDir Path dir;
  private final VirtualClock clock = new VirtualClock(T0);

  @BeforeAll
  static void makeMedia() {
    sample = TestFeeds.H264_3S.path();
    sampleBytes = SampleMedia.bytes(sample);
  }

  /** Keeps every packet with its release time; closes the feed once it has {@code stopAfter} packets. */
  private static final class Recorder implements PacketSink {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Long> releases = new ArrayList<>();
    final List<Integer> discontinuityAt = new ArrayList<>();
    Feed feed;
    long stopAfter = Long.MAX_VALUE;
    Runnable onDiscontinuity = () -> {};

    @Override
    public void accept(byte[] b, int off, int count, long arrivalMicros) {
      bytes.write(b, off, count * TsPacket.SIZE);
      for (int i = 0; i < count; i++) {
        releases.add(arrivalMicros);
      }
      if (releases.size() >= stopAfter) {
        feed.close();
      }
    }

    @Override
    public void discontinuity() {
      discontinuityAt.add(releases.size());
      onDiscontinuity.run();
    }
  }

  @Test
  void fileIsReleasedOnItsPcrTimeline() throws Exception {
    PacedFeed feed = PacedFeed.ofFile(sample, false, clock, clock);
    Recorder out = new Recorder();
    feed.run(out);

    assertArrayEquals(sampleBytes, out.bytes.toByteArray(), "every packet, in order");
    long[] pcrs = SampleMedia.pcrs(sampleBytes);
    int first = -1;
    long releasedWith = T0; // packets before the first PCR go at once
    int pcrCount = 0;
    for (int i = 0; i < pcrs.length; i++) {
      long release = out.releases.get(i);
      if (pcrs[i] >= 0) {
        if (first < 0) {
          first = i;
        }
        long expected = T0 + (pcrs[i] - pcrs[first]) / 27;
        assertTrue(Math.abs(release - expected) <= 1, "PCR packet " + i + " released at " + (release - T0)
            + " us, its PCR says " + (expected - T0) + " us");
        releasedWith = release;
        pcrCount++;
      } else {
        assertEquals(releasedWith, release, "packet " + i + " goes with the PCR before it");
      }
    }
    assertTrue(pcrCount > 20, "the sample carries PCRs: " + pcrCount);

    long paced = out.releases.get(out.releases.size() - 1) - T0;
    long duration = SampleMedia.durationMicros(sample);
    assertTrue(Math.abs(paced - duration) < 200_000, "paced " + paced + " us for " + duration + " us of media");
    assertEquals(paced, clock.nowMicros() - T0, "the clock moved only by sleeping for PCRs");
  }

  @Test
  void loopingStartsOverWithADiscontinuityAndKeepsTheCadence() throws Exception {
    PacedFeed feed = PacedFeed.ofFile(sample, true, clock, clock);
    int filePackets = sampleBytes.length / TsPacket.SIZE;
    Recorder out = new Recorder();
    out.feed = feed;
    out.stopAfter = filePackets * 5L / 2;
    feed.run(out);

    assertEquals(List.of(filePackets, 2 * filePackets), out.discontinuityAt);
    assertEquals(2, feed.passes());
    byte[] all = out.bytes.toByteArray();
    for (int pass = 0; pass < 2; pass++) {
      byte[] copy = java.util.Arrays.copyOfRange(all, pass * sampleBytes.length, (pass + 1) * sampleBytes.length);
      assertArrayEquals(sampleBytes, copy, "pass " + pass + " replays the file");
    }
    long largestGap = 0;
    for (int i = 1; i < out.releases.size(); i++) {
      long gap = out.releases.get(i) - out.releases.get(i - 1);
      assertTrue(gap >= 0, "release times never go backwards");
      largestGap = Math.max(largestGap, gap);
    }
    assertTrue(largestGap <= 100_000, "no stall at the loop point: largest gap " + largestGap + " us");
    long duration = SampleMedia.durationMicros(sample);
    long paced = clock.nowMicros() - T0;
    assertTrue(paced > 2 * duration && paced < 3 * duration, "two and a half passes took " + paced + " us");
  }

  @Test
  void fileGoneAtTheLoopPointEndsTheFeedSayingSo() throws Exception {
    Path copy = Files.copy(sample, dir.resolve("vanishing.ts"));
    PacedFeed feed = PacedFeed.ofFile(copy, true, clock, clock);
    Recorder out = new Recorder();
    out.onDiscontinuity = () -> delete(copy);
    FeedException e = assertThrows(FeedException.class, () -> feed.run(out));
    assertEquals("input file is gone: " + copy, e.getMessage());
    assertEquals(sampleBytes.length, out.bytes.size());
  }

  @Test
  void loopingAFileWithoutPcrIsRefusedAfterOnePass() throws Exception {
    byte[] packets = new byte[50 * TsPacket.SIZE];
    for (int i = 0; i < 50; i++) {
      System.arraycopy(PcrPacerTest.plainPacket(0x100), 0, packets, i * TsPacket.SIZE, TsPacket.SIZE);
    }
    Path file = Files.write(dir.resolve("no-pcr.ts"), packets);
    PacedFeed feed = PacedFeed.ofFile(file, true, clock, clock);
    Recorder out = new Recorder();
    FeedException e = assertThrows(FeedException.class, () -> feed.run(out));
    assertEquals("cannot loop " + file + ": it carries no PCR to pace it by", e.getMessage());
    assertEquals(packets.length, out.bytes.size());
  }

  @Test
  void loopingNoiseIsRefused() throws Exception {
    byte[] noise = new byte[100_000];
    new Random(7).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      if (noise[i] == TsPacket.SYNC) {
        noise[i] = 0; // no accidental alignment
      }
    }
    Path file = Files.write(dir.resolve("noise.bin"), noise);
    PacedFeed feed = PacedFeed.ofFile(file, true, clock, clock);
    FeedException e = assertThrows(FeedException.class, () -> feed.run(new Recorder()));
    assertEquals("cannot loop " + file + ": it holds no MPEG-TS packets", e.getMessage());
    assertEquals(noise.length, feed.skippedBytes());
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
