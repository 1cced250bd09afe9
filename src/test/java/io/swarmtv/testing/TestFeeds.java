package io.swarmtv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MPEG-TS feeds of many shapes, made by ffmpeg on first use and kept under {@code target/} so the
 * suite encodes each only once.
 */
public enum TestFeeds {
  H264_BFRAMES_25("testsrc2=size=320x180:rate=25", 6, "-c:v libx264 -preset ultrafast -bf 3 -g 50", "aac"),
  H264_2997_LONG_GOP("testsrc2=size=320x180:rate=30000/1001", 8, "-c:v libx264 -preset ultrafast -bf 2 -g 150", "aac"),
  H264_60_SHORT_GOP("testsrc2=size=320x180:rate=60", 4, "-c:v libx264 -preset ultrafast -bf 1 -g 24", "aac"),
  H264_OPEN_GOP("testsrc2=size=320x180:rate=25", 6, "-c:v libx264 -preset ultrafast -bf 2 -g 50 -x264-params open-gop=1", "aac"),
  HEVC_25("testsrc2=size=320x180:rate=25", 6, "-c:v libx265 -preset ultrafast -g 50 -x265-params log-level=error", "ac3"),
  HEVC_AAC_25("testsrc2=size=320x180:rate=25", 6, "-c:v libx265 -preset ultrafast -g 50 -bf 2 -x265-params log-level=error", "aac"),
  H264_NO_AUDIO("testsrc2=size=320x180:rate=25", 4, "-c:v libx264 -preset veryfast -g 50", "none"),
  /** Audio PES packets of about 1.5 s, longer than an LL-HLS part. */
  H264_LONG_AUDIO_PES("testsrc2=size=320x180:rate=25", 6, "-c:v libx264 -preset ultrafast -g 50 -pes_payload_size 18000 -max_delay 3000000", "aac"),
  /** Timestamps cross 2^33 (26.5 hours) about a second in. */
  H264_PTS_WRAP("testsrc2=size=320x180:rate=25", 4, "-c:v libx264 -preset ultrafast -g 25 -output_ts_offset 95441", "aac"),
  MPEG2_25("testsrc2=size=320x180:rate=25", 6, "-c:v mpeg2video -g 25 -bf 2 -b:v 1M", "mp2"),
  TWO_AUDIO("testsrc2=size=320x180:rate=25", 5, "-c:v libx264 -preset ultrafast -g 50", "aac+mp2"),
  AUDIO_ONLY(null, 6, null, "aac"),
  /** Short feeds with a keyframe every second, for the ingest tests that play a file through. */
  H264_2S("testsrc=size=320x240:rate=25", 2, "-c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p", "aac"),
  H264_3S("testsrc=size=320x240:rate=25", 3, "-c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p", "aac");

  private final String video;
  private final int seconds;
  private final String videoCodec;
  private final String audio;

  TestFeeds(String video, int seconds, String videoCodec, String audio) {
    this.video = video;
    this.seconds = seconds;
    this.videoCodec = videoCodec;
    this.audio = audio;
  }

  public int seconds() {
    return seconds;
  }

  public boolean hasVideo() {
    return video != null;
  }

  /** The feed's file, made now if this run has not made it yet. */
  public synchronized Path path() {
    Path dir = Path.of("target", "test-feeds");
    Path file = dir.resolve(name().toLowerCase() + ".ts");
    if (Files.exists(file)) {
      return file;
    }
    RealTools.require("ffmpeg");
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name(), ".ts.part");
      RealTools.run(Duration.ofMinutes(2), command(tmp).toArray(String[]::new));
      Files.move(tmp, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> command(Path out) {
    List<String> c = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    if (video != null) {
      c.addAll(List.of("-f", "lavfi", "-i", video));
    }
    if (!audio.equals("none")) {
      c.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
    }
    if (audio.equals("aac+mp2")) {
      c.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000"));
    }
    c.addAll(List.of("-t", Integer.toString(seconds)));
    int a = video == null ? 0 : 1;
    if (video != null) {
      c.addAll(List.of("-map", "0:v"));
      c.addAll(List.of(videoCodec.split(" ")));
    }
    if (!audio.equals("none")) {
      c.addAll(List.of("-map", a + ":a"));
    }
    switch (audio) {
      case "none" -> { }
      case "aac" -> c.addAll(List.of("-c:a:0", "aac", "-b:a:0", "96k"));
      case "ac3" -> c.addAll(List.of("-c:a:0", "ac3", "-b:a:0", "96k"));
      case "mp2" -> c.addAll(List.of("-c:a:0", "mp2", "-b:a:0", "128k"));
      case "aac+mp2" -> c.addAll(List.of("-map", (a + 1) + ":a", "-c:a:0", "aac", "-c:a:1", "mp2",
          "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra"));
      default -> throw new IllegalStateException(audio);
    }
    c.addAll(List.of("-f", "mpegts", out.toString()));
    return c;
  }
}
