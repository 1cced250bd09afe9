package io.swarmtv.ts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsLoopTest {
  /** 6.4 s: 160 frames of 40 ms, 300 AAC frames of 1024 samples at 48 kHz. */
  private static final long DEMO_LOOP_TICKS = 576_000;
  private static final int LOOPS = 21;
  private static final Duration FFMPEG_TIMEOUT = Duration.ofMinutes(5);

  @TempDir
  Path dir;

  private static byte[] demoClipBytes() throws IOException {
    try (InputStream in = TsLoop.class.getResourceAsStream(TsLoop.DEMO_CLIP_RESOURCE)) {
      assertTrue(in != null, "the demo clip resource is missing");
      return in.readAllBytes();
    }
  }

  private static void writePasses(TsLoop loop, double passes, Path file) throws IOException {
    long total = Math.round(loop.packetsPerPass() * passes);
    byte[] buf = new byte[TsPacket.SIZE * 100];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < total; ) {
        int n = (int) Math.min(100, total - done);
        assertEquals(n, loop.read(buf, 0, n));
        out.write(buf, 0, n * TsPacket.SIZE);
        done += n;
      }
    }
  }

  /** The acceptance check: ffmpeg decodes the whole file and has nothing to say. */
  private static void assertDecodesSilently(Path file) {
    RealTools.ProcessResult r = RealTools.runAllowingFailure(FFMPEG_TIMEOUT,
        "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
    assertEquals("", r.stderr(), "ffmpeg -v error on " + file.getFileName());
    assertEquals(0, r.exitCode());
  }

  private static double probeDuration(Path file) {
    String out = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error",
        "-show_entries", "format=duration", "-of", "csv=p=0", file.toString()).stdout();
    return Double.parseDouble(out.strip());
  }

  private static List<String> probeCodecs(Path file) {
    String out = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error",
        "-show_entries", "stream=codec_name", "-of", "csv=p=0", file.toString()).stdout();
    // The program section repeats the streams, hence distinct().
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).distinct().sorted().toList();
  }

  /** Asserts the values rise by exactly {@code step} each time. */
  private static void assertSteps(String what, List<Long> values, long step) {
    for (int i = 1; i < values.size(); i++) {
      long d = values.get(i) - values.get(i - 1);
      if (d != step) {
        throw new AssertionError(what + " " + values.get(i - 1) + " -> " + values.get(i) + " at " + i
            + ": step " + d + ", not " + step);
      }
    }
  }

  @Test
  void bundledClipIsSmallH264AndAacStartingOnAKeyframe() throws IOException {
    byte[] clip = demoClipBytes();
    assertTrue(clip.length < 2 * 1024 * 1024, clip.length + " bytes");
    assertEquals(0, clip.length % TsPacket.SIZE);
    Path file = dir.resolve("demo-clip.ts");
    Files.write(file, clip);

    assertEquals(List.of("aac", "h264"), probeCodecs(file));
    List<FfprobePackets.Packet> video = FfprobePackets.of(file, "v:0").packets();
    assertTrue(video.get(0).keyframe(), "first video packet is a keyframe");
    assertEquals(160, video.size());
    assertEquals(4, video.stream().filter(FfprobePackets.Packet::keyframe).count(), "an IDR every 2 s");
    assertEquals(300, FfprobePackets.of(file, "a:0").packets().size());
  }

  @Test
  void demoClipMeasuresItsOwnLength() throws IOException {
    TsLoop loop = TsLoop.demoClip();
    assertEquals(demoClipBytes().length / TsPacket.SIZE, loop.packetsPerPass());
    assertEquals(DEMO_LOOP_TICKS, loop.loopTicks());
    assertEquals(Duration.ofMillis(6400), loop.loopDuration());
    assertTrue(loop.bitsPerSecond() > 500_000 && loop.bitsPerSecond() < 2_000_000, loop.bitsPerSecond() + " bit/s");
    assertEquals(0, loop.passes());
  }

  @Test
  void firstPassIsTheClipAndTheSecondIsShiftedByOneLoop() throws IOException {
    byte[] clip = demoClipBytes();
    TsLoop loop = TsLoop.of(clip);
    byte[] two = new byte[clip.length * 2];
    loop.read(two, 0, clip.length / TsPacket.SIZE * 2);
    assertEquals(2, loop.passes());
    assertArrayEquals(clip, Arrays.copyOf(two, clip.length));

    List<Long> firstPts = new ArrayList<>();
    List<Long> secondPts = new ArrayList<>();
    TsDemuxer d = new TsDemuxer(new TsListener() {
      @Override
      public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
        (packetIndex < clip.length / TsPacket.SIZE ? firstPts : secondPts).add(header.pts());
      }
    });
    for (int off = 0; off < two.length; off += TsPacket.SIZE) {
      d.accept(two, off);
    }
    assertEquals(firstPts.size(), secondPts.size());
    for (int i = 0; i < firstPts.size(); i++) {
      assertEquals(firstPts.get(i) + DEMO_LOOP_TICKS, secondPts.get(i));
    }
  }

  @Test
  void twentyOneLoopsPlayAsOneContinuousStream() throws IOException {
    TsLoop loop = TsLoop.demoClip();
    Path file = dir.resolve("looped.ts");
    writePasses(loop, LOOPS, file);
    assertEquals(LOOPS, loop.passes());

    assertDecodesSilently(file);
    assertEquals(LOOPS * 6.4, probeDuration(file), 0.05);

    List<FfprobePackets.Packet> video = FfprobePackets.of(file, "v:0").packets();
    assertEquals(LOOPS * 160, video.size());
    assertSteps("video DTS", video.stream().map(FfprobePackets.Packet::dts).toList(), 3600);
    assertSteps("sorted video PTS", video.stream().map(FfprobePackets.Packet::pts).sorted().toList(), 3600);
    assertEquals(LOOPS * 4, video.stream().filter(FfprobePackets.Packet::keyframe).count());
    // The clip is cut where the frame grids meet, so audio runs on without a gap or overlap too.
    List<FfprobePackets.Packet> audio = FfprobePackets.of(file, "a:0").packets();
    assertEquals(LOOPS * 300, audio.size());
    assertSteps("audio PTS", audio.stream().map(FfprobePackets.Packet::pts).toList(), 1920);

    LoopedStreamCheck check = LoopedStreamCheck.of(file);
    assertEquals(List.of(), check.problems);
    assertTrue(check.pcrs > LOOPS * 60, check.pcrs + " PCRs");
    check.assertVideoDtsStep(3600);
  }

  @Test
  void loopedToneRunsOnWithoutAClickAtTheWrap() throws IOException {
    Path file = dir.resolve("looped.ts");
    writePasses(TsLoop.demoClip(), 3, file);
    Path pcm = dir.resolve("tone.raw");
    RealTools.run(FFMPEG_TIMEOUT, "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(),
        "-map", "0:a", "-f", "s16le", "-ac", "2", "-ar", "48000", pcm.toString());
    byte[] raw = Files.readAllBytes(pcm);
    int period = 307_200; // samples in 6.4 s
    assertEquals(3 * period, raw.length / 4);

    // Fit the left channel's 440 Hz over the whole middle pass; a click or the encoder's priming
    // at a wrap would stand far out of what the codec leaves everywhere else.
    double[] left = new double[raw.length / 4];
    for (int i = 0; i < left.length; i++) {
      left[i] = (short) ((raw[4 * i] & 0xFF) | (raw[4 * i + 1] << 8));
    }
    double w = 2 * Math.PI * 440 / 48_000;
    double ss = 0;
    double sc = 0;
    double cc = 0;
    double ys = 0;
    double yc = 0;
    for (int i = period; i < 2 * period; i++) {
      double s = Math.sin(w * i);
      double c = Math.cos(w * i);
      ss += s * s;
      sc += s * c;
      cc += c * c;
      ys += left[i] * s;
      yc += left[i] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (ys * cc - yc * sc) / det;
    double b = (yc * ss - ys * sc) / det;
    double amplitude = Math.hypot(a, b);
    assertTrue(amplitude > 3000, "tone amplitude " + amplitude);
    double steady = 0;
    double atWraps = 0;
    for (int i = 2048; i < left.length; i++) {
      double residual = Math.abs(left[i] - (a * Math.sin(w * i) + b * Math.cos(w * i)));
      boolean nearWrap = Math.abs(i - period) < 4800 || Math.abs(i - 2 * period) < 4800;
      if (nearWrap) {
        atWraps = Math.max(atWraps, residual);
      } else {
        steady = Math.max(steady, residual);
      }
    }
    assertTrue(atWraps < 2 * steady + 50, "residual at the wraps " + atWraps + ", elsewhere " + steady);
  }

  @Test
  void loopCrossesThe33BitWrapWithoutAGlitch() throws IOException {
    // The clip's timestamps start near 1.4 s; the wrap then falls in the middle of the third pass.
    long firstShift = Timestamps.PTS_MODULUS - 2 * DEMO_LOOP_TICKS - 3 * Timestamps.HZ;
    TsLoop loop = TsLoop.of(demoClipBytes(), firstShift);
    Path file = dir.resolve("wrap.ts");
    writePasses(loop, 5, file);

    assertDecodesSilently(file);
    LoopedStreamCheck check = LoopedStreamCheck.of(file);
    assertEquals(List.of(), check.problems);
    check.assertVideoDtsStep(3600);
    List<Long> dts = check.dts.get(check.pid(StreamType.Kind.VIDEO));
    assertTrue(dts.get(0) > Timestamps.PTS_MODULUS - 3 * DEMO_LOOP_TICKS, "starts just before the wrap");
    assertTrue(dts.get(dts.size() - 1) < 3 * DEMO_LOOP_TICKS, "ends just after it");
    assertEquals(5 * 6.4, probeDuration(file), 0.05);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hevc+ac3", "mpeg2+mp2"})
  void clipsOfOtherShapesLoopCleanly(String shape) throws IOException {
    Path clip = dir.resolve("clip.ts");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2.4",
        "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=2.4"));
    cmd.addAll(List.of(switch (shape) {
      case "hevc+ac3" -> new String[] {"-c:v", "libx265", "-preset", "ultrafast", "-g", "25",
          "-x265-params", "log-level=error", "-c:a", "ac3"};
      case "mpeg2+mp2" -> new String[] {"-c:v", "mpeg2video", "-g", "12", "-bf", "2", "-b:v", "1M", "-c:a", "mp2"};
      default -> throw new IllegalArgumentException(shape);
    }));
    cmd.addAll(List.of("-f", "mpegts", clip.toString()));
    RealTools.run(Duration.ofMinutes(2), cmd.toArray(String[]::new));

    TsLoop loop = TsLoop.of(Files.readAllBytes(clip));
    assertEquals(60 * 3600, loop.loopTicks(), "60 frames of 40 ms");
    Path file = dir.resolve("looped.ts");
    writePasses(loop, 20, file);

    assertDecodesSilently(file);
    assertEquals(20 * 2.4, probeDuration(file), 0.05);
    LoopedStreamCheck check = LoopedStreamCheck.of(file);
    assertEquals(List.of(), check.problems);
    check.assertVideoDtsStep(3600);
  }

  @Test
  void audioOnlyClipLoopsCleanly() throws IOException {
    Path clip = dir.resolve("clip.ts");
    RealTools.run(Duration.ofMinutes(1), "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=2.4", "-c:a", "aac",
        "-f", "mpegts", clip.toString());
    TsLoop loop = TsLoop.of(Files.readAllBytes(clip));
    // ffprobe splits the PES packets into AAC frames of 1024 samples, 1920 ticks at 48 kHz.
    long frames = FfprobePackets.of(clip, "a:0").packets().size();
    assertEquals(frames * 1920, loop.loopTicks(), 960, "within half a frame");
    Path file = dir.resolve("looped.ts");
    writePasses(loop, 20, file);
    assertDecodesSilently(file);
    assertEquals(List.of(), LoopedStreamCheck.of(file).problems);
  }

  @Test
  void loopsAFileReReadOnEveryPassLikeTheSameBytesInMemory() throws IOException {
    byte[] clip = demoClipBytes();
    Path file = dir.resolve("clip.ts");
    Files.write(file, clip);
    TsLoop fromFile = TsLoop.of(file);
    TsLoop fromArray = TsLoop.of(clip);
    assertEquals(fromArray.packetsPerPass(), fromFile.packetsPerPass());
    assertEquals(fromArray.loopTicks(), fromFile.loopTicks());

    // Odd read sizes so that reads straddle the wraps.
    byte[] a = new byte[TsPacket.SIZE * 997];
    byte[] b = new byte[TsPacket.SIZE * 997];
    for (int i = 0; i < 3 * clip.length / a.length + 2; i++) {
      fromFile.read(a, 0, 997);
      fromArray.read(b, 0, 997);
      assertArrayEquals(b, a, "read " + i);
    }
    assertEquals(3, fromFile.passes());
  }

  @Test
  void inputStreamViewGivesTheSameBytesAsRead() throws IOException {
    byte[] clip = demoClipBytes();
    TsLoop viaRead = TsLoop.of(clip);
    byte[] expected = new byte[clip.length * 2 + TsPacket.SIZE * 10];
    viaRead.read(expected, 0, expected.length / TsPacket.SIZE);

    InputStream view = TsLoop.of(clip).asInputStream();
    byte[] actual = new byte[expected.length];
    int pos = 0;
    int[] sizes = {1, 100, 187, 188, 189, 5000, 65536};
    for (int i = 0; pos < actual.length; i++) {
      int n = Math.min(sizes[i % sizes.length], actual.length - pos);
      if (n == 1) {
        actual[pos++] = (byte) view.read();
      } else {
        assertEquals(n, view.read(actual, pos, n));
        pos += n;
      }
    }
    assertArrayEquals(expected, actual);
  }

  @Test
  void readingFromMemoryAllocatesNothingPerPacket() throws IOException {
    TsLoop loop = TsLoop.demoClip();
    byte[] buf = new byte[TsPacket.SIZE * 64];
    long packets = loop.packetsPerPass() * 20;
    for (long done = 0; done < packets; done += 64) {
      loop.read(buf, 0, 64); // warm up the JIT
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (long done = 0; done < packets; done += 64) {
      loop.read(buf, 0, 64);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 64 * 1024, allocated + " bytes allocated over " + packets + " packets");
  }

  @Test
  void rejectsAClipWithoutPacketsOrTimestamps() {
    assertThrows(IllegalArgumentException.class, () -> TsLoop.of(new byte[0]));
    byte[] nulls = new byte[TsPacket.SIZE * 10];
    for (int off = 0; off < nulls.length; off += TsPacket.SIZE) {
      nulls[off] = TsPacket.SYNC;
      nulls[off + 1] = 0x1F;
      nulls[off + 2] = (byte) 0xFF;
      nulls[off + 3] = 0x10;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TsLoop.of(nulls));
    assertFalse(e.getMessage().isEmpty());
  }
}
