package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.ProgramMap;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.ts.TsPacketReader;
import io.swarmtv.ts.VideoFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DLNA profile named for real streams, read by our ts package, checked against independent
 * readers: gupnp-dlna-info (GStreamer) where its profile set covers the stream, ffprobe for
 * the H.264 properties the AVC_TS profiles depend on (gupnp-dlna has no AVC_TS profiles).
 */
class DlnaProfileTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void mpeg2PalBroadcastIsMpegTsSdEuAsGupnpDlnaSays() throws IOException {
    Path ts = dir.resolve("pal.ts");
    RealTools.run(Duration.ofMinutes(1), "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=720x576:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", "2", "-map", "0:v", "-c:v", "mpeg2video", "-b:v", "4M", "-g", "12",
        "-map", "1:a", "-c:a", "mp2", "-b:a", "192k", "-f", "mpegts", ts.toString());
    Optional<String> ours = DlnaProfile.of(read(ts));
    assertEquals(Optional.of("MPEG_TS_SD_EU_ISO"), ours);
    assertEquals(ours.get(), gupnpDlnaProfile(ts));
  }

  @Test
  void theDemoClipIsAvcTsMainProfileHdWithAac() throws IOException {
    Path clip = dir.resolve("demo.ts");
    try (InputStream in = io.swarmtv.ts.TsLoop.class.getResourceAsStream("demo-clip.ts")) {
      Files.copy(in, clip);
    }
    LiveStreamFormat f = read(clip);
    JsonNode video = ffprobeStream(clip, "v:0");
    assertEquals("h264", video.path("codec_name").asText());
    assertEquals(video.path("profile").asText(), f.video().profile());
    assertEquals(video.path("width").asInt(), f.video().width());
    assertEquals("aac", ffprobeStream(clip, "a:0").path("codec_name").asText());
    // 854 wide is past DLNA's SD sizes (720), so the HD profile, which Main profile level 3 fits
    assertEquals(Optional.of("AVC_TS_MP_HD_AAC_MULT5_ISO"), DlnaProfile.of(f));
  }

  @Test
  void smallH264WithAacIsAvcTsSd() throws IOException {
    Path feed = TestFeeds.H264_BFRAMES_25.path();
    LiveStreamFormat f = read(feed);
    JsonNode video = ffprobeStream(feed, "v:0");
    assertEquals(video.path("profile").asText(), f.video().profile());
    assertTrue(List.of("High", "Main", "Constrained Baseline").contains(f.video().profile()), f.video().profile());
    assertEquals(Optional.of("AVC_TS_MP_SD_AAC_MULT5_ISO"), DlnaProfile.of(f));
  }

  @Test
  void streamsNoProfileFitsGetNone() throws IOException {
    // HEVC has no DLNA profile; MPEG-2 at 320x180 is no broadcast size; a TV would refuse a wrong one
    assertEquals(Optional.empty(), DlnaProfile.of(read(TestFeeds.HEVC_25.path())));
    assertEquals(Optional.empty(), DlnaProfile.of(read(TestFeeds.MPEG2_25.path())));
    assertEquals(Optional.empty(), DlnaProfile.of(read(TestFeeds.AUDIO_ONLY.path())));
  }

  @Test
  void protocolInfoNamesProfileOperationsAndLiveFlags() throws IOException {
    LiveStreamFormat f = read(TestFeeds.H264_BFRAMES_25.path());
    StreamFeatures features = StreamFeatures.live();
    assertEquals("http-get:*:video/mpeg:DLNA.ORG_PN=AVC_TS_MP_SD_AAC_MULT5_ISO;DLNA.ORG_OP=00;DLNA.ORG_CI=0;"
        + "DLNA.ORG_FLAGS=01500000000000000000000000000000", features.protocolInfo(f, "Samsung"));
    assertEquals("DLNA.ORG_OP=00;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01500000000000000000000000000000",
        features.contentFeatures(null, ""), "no profile is claimed before the format is known");
  }

  private String gupnpDlnaProfile(Path ts) {
    // relaxed: strict mode also wants bitrates that a file's caps do not carry
    String out = RealTools.run(Duration.ofMinutes(1), "gupnp-dlna-info", "-r", ts.toUri().toString()).stdout();
    for (String line : out.lines().toList()) {
      if (line.startsWith("Profile Name: ")) {
        return line.substring("Profile Name: ".length()).trim();
      }
    }
    throw new AssertionError("gupnp-dlna-info found no profile:\n" + out);
  }

  private JsonNode ffprobeStream(Path file, String selector) throws IOException {
    String out = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error", "-select_streams", selector,
        "-show_streams", "-of", "json", file.toString()).stdout();
    JsonNode s = json.readTree(out).path("streams").get(0);
    assertNotNull(s, out);
    return s;
  }

  /** The format as the gateway sees it: the PMT and the first video access unit's sequence parameters. */
  private static LiveStreamFormat read(Path ts) throws IOException {
    ProgramMap[] pmt = new ProgramMap[1];
    VideoFormat[] video = new VideoFormat[1];
    TsDemuxer demuxer = new TsDemuxer(new TsListener() {
      @Override
      public void onProgramMap(ProgramMap p, long packetIndex) {
        pmt[0] = p;
      }

      @Override
      public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
        if (video[0] == null && stream.type().isVideo() && info.format() != null) {
          video[0] = info.format();
        }
      }
    });
    try (InputStream in = Files.newInputStream(ts)) {
      TsPacketReader reader = new TsPacketReader(in);
      byte[] buf = new byte[TsPacket.SIZE * 64];
      for (int n; (n = reader.read(buf, 0, 64)) > 0; ) {
        for (int i = 0; i < n; i++) {
          demuxer.accept(buf, i * TsPacket.SIZE);
        }
      }
    }
    assertNotNull(pmt[0], "no PMT in " + ts);
    boolean hasVideo = pmt[0].streams().stream().anyMatch(s -> s.type() != StreamType.DATA && s.type().isVideo());
    if (hasVideo) {
      assertNotNull(video[0], "no video format read from " + ts);
    }
    return LiveStreamFormat.of(pmt[0], video[0]);
  }
}
