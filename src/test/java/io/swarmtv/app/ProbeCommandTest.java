package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProbeCommandTest {

  record Run(int exit, String out, String err) {}

  static Run swarmtv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @EnumSource(value = TestFeeds.class, names = {"H264_BFRAMES_25", "H264_2997_LONG_GOP", "H264_60_SHORT_GOP", "HEVC_25", "MPEG2_25"})
  void probeAgreesWithFfprobe(TestFeeds feed) throws Exception {
    Path file = feed.path();
    Run run = swarmtv("probe", "--json", file.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode report = new ObjectMapper().readTree(run.out());
    JsonNode ours = report.path("programs").get(0).path("streams").get(0);

    JsonNode theirs = new ObjectMapper().readTree(RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error",
        "-select_streams", "v:0", "-show_streams", "-of", "json", file.toString()).stdout()).path("streams").get(0);
    assertEquals(theirs.path("codec_name").asText(), ours.path("codec").asText());
    assertEquals(theirs.path("width").asInt(), ours.path("width").asInt(), "width");
    assertEquals(theirs.path("height").asInt(), ours.path("height").asInt(), "height");
    String[] rate = theirs.path("r_frame_rate").asText().split("/");
    assertEquals(Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]), ours.path("frameRate").asDouble(), 0.01, "frame rate");
    assertTrue(ours.path("bitrate").asLong() > 0);
    assertEquals(feed.seconds(), report.path("durationSeconds").asDouble(), 0.3);
    assertTrue(report.path("chunks").path("segments").asLong() >= 1);
    assertNotNull(report.path("chunks").path("list").get(0));
  }

  @Test
  void textReportNamesStreamsAndCuts() {
    Run run = swarmtv("probe", TestFeeds.TWO_AUDIO.path().toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("video h264"), run.out());
    assertTrue(run.out().contains("[eng]") && run.out().contains("[fra]"), run.out());
    assertTrue(run.out().contains("part|segment"), run.out());
  }

  @Test
  void badInputGetsOneLineErrors(@TempDir Path dir) throws Exception {
    Run missing = swarmtv("probe", dir.resolve("nope.ts").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("swarmtv probe: no such file"), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), "one line, no stack trace: " + missing.err());

    Path noise = dir.resolve("noise.ts");
    byte[] bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    Files.write(noise, bytes);
    Run garbage = swarmtv("probe", noise.toString());
    assertEquals(1, garbage.exit());
    assertTrue(garbage.err().contains("no MPEG-TS packets found"), garbage.err());

    Run usage = swarmtv("probe", "--part-duration", "3", noise.toString());
    assertEquals(2, usage.exit());
    assertTrue(usage.err().contains("--part-duration must be between 0.2 and 1"), usage.err());

    assertEquals(2, swarmtv("probe").exit());
    assertEquals(2, swarmtv("frobnicate").exit());
    assertEquals(0, swarmtv("--version").exit());
  }
}
