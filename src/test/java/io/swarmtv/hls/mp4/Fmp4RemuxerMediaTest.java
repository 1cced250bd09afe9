package io.swarmtv.hls.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import io.swarmtv.ts.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Remuxes ffmpeg-made feeds chunked as the gateway chunks them, and has ffmpeg and ffprobe judge
 * the fMP4: it decodes cleanly, every frame is there with the source's timestamps and keyframes,
 * and the codecs string matches the streams.
 */
class Fmp4RemuxerMediaTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = TestFeeds.class, names = {
      "H264_BFRAMES_25", "HEVC_AAC_25", "H264_NO_AUDIO", "AUDIO_ONLY", "H264_LONG_AUDIO_PES", "H264_60_SHORT_GOP",
      "H264_OPEN_GOP", "H264_2997_LONG_GOP", "H264_PTS_WRAP"})
  void remuxedFeedPlaysWithEveryFrameAtItsSourceTime(TestFeeds feed) {
    RealTools.require("ffprobe");
    Path source = feed.path();
    ChunkedRemux run = ChunkedRemux.of(source).feedAll();
    Fmp4Remuxer remuxer = run.remuxer;
    byte[] init = remuxer.initSegment();
    assertNotNull(init, "init segment");
    assertEquals(1, remuxer.initVersion(), "one init segment for one unchanging stream");
    assertEquals(0, remuxer.inputErrors(), () -> "dropped: " + remuxer.lastError());
    assertNull(remuxer.leftOut());
    assertFalse(run.fragments.isEmpty());
    Path mp4 = run.write(dir.resolve(feed.name() + ".mp4"), init, run.fragments);

    RealTools.ProcessResult decode = RealTools.run(Duration.ofMinutes(1),
        "ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "null", "-");
    assertEquals("", decode.stderr().strip(), "ffmpeg decoding the fMP4 complained");

    long sequence = 0;
    for (Fragment f : run.fragments) {
      long n = ChunkedRemux.sequenceNumber(f);
      assertTrue(n > sequence, "mfhd sequence numbers increase: " + n + " after " + sequence);
      sequence = n;
    }

    // Until the AAC format is known there is no init segment, and what came before it is dropped.
    // ffmpeg holds back the first long audio PES, so that feed loses its first video frames.
    boolean lateAudio = feed == TestFeeds.H264_LONG_AUDIO_PES;
    if (feed.hasVideo()) {
      checkVideo(source, mp4, run, lateAudio);
    }
    if (StreamInfo.of(source, "a:0") != null) {
      checkAudio(source, mp4, lateAudio);
    } else {
      assertNull(StreamInfo.of(mp4, "a:0"), "no audio track in the fMP4 of a feed without audio");
    }
    assertEquals(expectedCodecs(source), remuxer.codecs());

    for (int i = 0; i + 1 < run.fragments.size(); i++) {
      assertTrue(run.fragments.get(i + 1).baseDecodeTime90k() > run.fragments.get(i).baseDecodeTime90k(),
          "decode times grow, past the 33-bit wrap too");
    }
    if (feed == TestFeeds.H264_PTS_WRAP) {
      assertTrue(run.fragments.get(run.fragments.size() - 1).baseDecodeTime90k() > Timestamps.PTS_MODULUS);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestFeeds.class, names = {"H264_BFRAMES_25", "HEVC_AAC_25"})
  void partsServedAsAnHlsPlaylistPlayInFfmpeg(TestFeeds feed) throws Exception {
    RealTools.require("ffprobe");
    ChunkedRemux run = ChunkedRemux.of(feed.path()).feedAll();
    Files.write(dir.resolve("init.mp4"), run.remuxer.initSegment());
    StringBuilder m3u8 = new StringBuilder();
    double longest = 0;
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < run.fragments.size(); i++) {
      Fragment f = run.fragments.get(i);
      Files.write(dir.resolve("part" + i + ".m4s"), f.bytes());
      double seconds = f.durationTicks90k() / 90_000.0;
      longest = Math.max(longest, seconds);
      parts.append(String.format("#EXTINF:%.5f,%n", seconds)).append("part").append(i).append(".m4s\n");
    }
    m3u8.append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:").append((int) Math.ceil(longest))
        .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"init.mp4\"\n").append(parts).append("#EXT-X-ENDLIST\n");
    Path playlist = Files.writeString(dir.resolve("index.m3u8"), m3u8);

    RealTools.ProcessResult decode = RealTools.run(Duration.ofMinutes(1),
        "ffmpeg", "-v", "error", "-i", playlist.toString(), "-f", "null", "-");
    assertEquals("", decode.stderr().strip(), "ffmpeg playing the HLS playlist complained");
    assertEquals(FfprobePackets.of(feed.path(), "v:0").packets().size(),
        FfprobePackets.of(playlist, "v:0").packets().size(), "video frames through HLS");
    assertEquals(FfprobePackets.of(feed.path(), "a:0").packets().size(),
        FfprobePackets.of(playlist, "a:0").packets().size(), "AAC frames through HLS");
  }

  private static void checkVideo(Path source, Path mp4, ChunkedRemux run, boolean lateStart) {
    FfprobePackets all = FfprobePackets.of(source, "v:0");
    FfprobePackets out = FfprobePackets.of(mp4, "v:0");
    int skipped = all.packets().size() - out.packets().size();
    if (lateStart) {
      assertTrue(skipped > 0 && skipped < all.packets().size() / 2, "a first second or so dropped: " + skipped);
    } else {
      assertEquals(0, skipped, "video frames missing");
    }
    FfprobePackets in = new FfprobePackets(all.packets().subList(skipped, all.packets().size()));
    assertTrue(in.packets().get(0).keyframe(), "the fMP4 starts at a keyframe");
    assertEquals(ptsList(in), ptsList(out), "video PTS, 90 kHz, in decode order");
    assertEquals(keyPts(in), keyPts(out), "keyframes");

    // Every fragment flagged independent starts with a keyframe; every part the chunker started at
    // a keyframe became an independent fragment.
    Map<Long, FfprobePackets.Packet> byDts = new HashMap<>();
    for (FfprobePackets.Packet p : out.packets()) {
      byDts.put(p.dts() % Timestamps.PTS_MODULUS, p);
    }
    int independent = 0;
    for (Fragment f : run.fragments) {
      FfprobePackets.Packet first = byDts.get(f.baseDecodeTime90k() % Timestamps.PTS_MODULUS);
      assertNotNull(first, "a frame at the fragment's decode time " + f.baseDecodeTime90k());
      assertEquals(first.keyframe(), f.independent(), "independent flag of the fragment at " + f.baseDecodeTime90k());
      independent += f.independent() ? 1 : 0;
    }
    assertEquals(keyPts(in).size(), independent, "one independent fragment per keyframe");

    // Fragments tile the timeline: each ends where the next begins, but for the estimated last frame.
    for (int i = 0; i + 1 < run.fragments.size(); i++) {
      Fragment a = run.fragments.get(i);
      Fragment b = run.fragments.get(i + 1);
      assertEquals(b.baseDecodeTime90k(), a.baseDecodeTime90k() + a.durationTicks90k(),
          "fragment " + i + " ends where the next starts (constant frame rate)");
    }

    StreamInfo src = StreamInfo.of(source, "v:0");
    StreamInfo got = StreamInfo.of(mp4, "v:0");
    assertEquals(src, got, "the fMP4's video stream as ffprobe reads it from avcC/hvcC");
  }

  private static void checkAudio(Path source, Path mp4, boolean lateStart) {
    FfprobePackets all = FfprobePackets.of(source, "a:0");
    FfprobePackets out = FfprobePackets.of(mp4, "a:0");
    StreamInfo src = StreamInfo.of(source, "a:0");
    long firstOut = out.packets().get(0).pts() * 90_000 / src.sampleRate();
    int skipped = 0;
    while (lateStart && Timestamps.delta(all.packets().get(skipped).pts(), firstOut) > 2) {
      skipped++;
    }
    FfprobePackets in = new FfprobePackets(all.packets().subList(skipped, all.packets().size()));
    assertEquals(in.packets().size(), out.packets().size(), "AAC frames (" + skipped + " before the first keyframe)");
    assertEquals(src, StreamInfo.of(mp4, "a:0"), "the fMP4's audio stream as ffprobe reads it from esds");
    // The fMP4 counts audio in samples; TS in 90 kHz ticks, where 1024 samples at 44.1 kHz are
    // not a whole number of ticks: allow the rounding.
    for (int i = 0; i < in.packets().size(); i++) {
      long ts = in.packets().get(i).pts();
      long mp4Ticks = out.packets().get(i).pts() * 90_000 / src.sampleRate();
      assertTrue(Math.abs(Timestamps.delta(mp4Ticks, ts)) <= 2, "AAC frame " + i + ": TS pts " + ts + ", fMP4 " + mp4Ticks);
    }
  }

  /** The codecs string a playlist should carry, from what ffprobe and ffmpeg read in the source. */
  private static String expectedCodecs(Path source) {
    StreamInfo v = StreamInfo.of(source, "v:0");
    StreamInfo a = StreamInfo.of(source, "a:0");
    StringBuilder s = new StringBuilder();
    if (v != null) {
      SpsTrace sps = SpsTrace.of(source);
      s.append(v.codec().equals("h264") ? sps.avcCodecs() : sps.hevcCodecs());
    }
    if (a != null) {
      assertEquals("LC", a.profile());
      s.append(s.length() > 0 ? "," : "").append("mp4a.40.2");
    }
    return s.toString();
  }

  /** PTS modulo 2^33: ffprobe unwraps TS timestamps from below zero, the fMP4 counts on upwards. */
  private static List<Long> ptsList(FfprobePackets p) {
    return p.packets().stream().map(x -> Math.floorMod(x.pts(), Timestamps.PTS_MODULUS)).toList();
  }

  private static Set<Long> keyPts(FfprobePackets p) {
    return p.packets().stream().filter(FfprobePackets.Packet::keyframe)
        .map(x -> Math.floorMod(x.pts(), Timestamps.PTS_MODULUS)).collect(Collectors.toSet());
  }
}
