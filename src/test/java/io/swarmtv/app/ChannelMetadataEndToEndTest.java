package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.Feed;
import io.swarmtv.ingest.FeedAddress;
import io.swarmtv.ingest.FeedSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ingest.Sleeper;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.ChannelSwarm;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.swarm.net.PeerTransportSettings;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A broadcaster ingests a real ffmpeg feed and signs its metadata; a peer that joins over loopback
 * sees the codecs, size and frame rate that ffprobe finds in the same file.
 */
class ChannelMetadataEndToEndTest {

  @ParameterizedTest
  @EnumSource(value = TestFeeds.class, names = {"H264_BFRAMES_25", "H264_2997_LONG_GOP", "HEVC_25", "MPEG2_25"})
  void aJoinedPeerSeesTheFormatTheStreamReallyHas(TestFeeds feedFile) throws Exception {
    RealTools.require("ffprobe");
    Path file = feedFile.path();
    ChannelKey key = ChannelKey.generate();
    MicrosClock clock = MicrosClock.system();
    PeerTransportSettings loopback = PeerTransportSettings.DEFAULT.withBindAddress(InetAddress.getLoopbackAddress())
        .withThreads(1);
    try (PeerTransport sourceTransport = PeerTransport.start(loopback);
        PeerTransport peerTransport = PeerTransport.start(loopback);
        ChannelSwarm source = ChannelSwarm.source(sourceTransport, key.id(), SwarmSettings.DEFAULT, clock);
        ChannelSwarm peer = ChannelSwarm.peer(peerTransport, key.id(), SwarmSettings.DEFAULT, clock, c -> { })) {
      ChannelAnnouncer announcer = new ChannelAnnouncer(key, "Format test", source::publish, clock);
      announcer.announce(0);
      peer.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), sourceTransport.port()), PeerSource.MANUAL);
      Feed feed = Feed.open(FeedAddress.parse(file.toString()), FeedSettings.DEFAULT.withLoop(true),
          clock, Sleeper.system());
      ChannelMetadata seen = null;
      try (LiveChannel channel = LiveChannel.start(key, feed, ChunkerSettings.DEFAULT, clock, source::publish)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
          Thread.sleep(200);
          announcer.announce(channel.stats());
          seen = peer.metadata();
          if (seen != null && seen.video() != null && seen.codecs().size() == 2) break;
        }
      }
      assertNotNull(seen, "the peer got no metadata");
      assertTrue(seen.verify(key.id()));
      Expected expected = ffprobe(file);
      System.out.println(feedFile + ": the peer sees " + seen + "; ffprobe: " + expected);
      assertEquals("Format test", seen.name());
      assertNotNull(seen.video(), "no picture in " + seen);
      assertEquals(expected.width, seen.video().width(), seen.toString());
      assertEquals(expected.height, seen.video().height(), seen.toString());
      assertEquals(expected.frameRateMillis, seen.video().frameRateMillis(), seen.toString());
      assertEquals(expected.codecs.size(), seen.codecs().size(), "codecs " + seen.codecs() + ", ffprobe " + expected);
      for (int i = 0; i < expected.codecs.size(); i++) {
        assertTrue(seen.codecs().get(i).matches(expected.codecs.get(i)),
            "stream " + i + ": " + seen.codecs().get(i) + " does not match " + expected.codecs.get(i) + " from ffprobe");
      }
      assertTrue(seen.bitrate() > 0, seen.toString());
    }
  }

  /** What ffprobe reports, with each stream's codecs string as a pattern built from its profile and level. */
  private record Expected(int width, int height, int frameRateMillis, List<String> codecs) {}

  private static Expected ffprobe(Path file) throws Exception {
    RealTools.ProcessResult r = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error", "-show_entries",
        "stream=codec_name,profile,level,width,height,r_frame_rate", "-of", "json", file.toString());
    JsonNode streams = new ObjectMapper().readTree(r.stdout()).path("streams");
    int width = 0;
    int height = 0;
    int rate = 0;
    List<String> codecs = new ArrayList<>();
    for (JsonNode s : streams) {
      String codec = s.path("codec_name").asText();
      String profile = s.path("profile").asText();
      int level = s.path("level").asInt(-1);
      if (s.has("width") && width == 0) {
        width = s.path("width").asInt();
        height = s.path("height").asInt();
        String[] fr = s.path("r_frame_rate").asText().split("/");
        rate = (int) Math.round(Double.parseDouble(fr[0]) * 1000 / Double.parseDouble(fr[1]));
      }
      codecs.add(switch (codec) {
        // RFC 6381: avc1.PPCCLL, profile_idc and level_idc in hex; the constraint byte ffprobe does not report
        case "h264" -> "avc1\\." + switch (profile) {
          case "High" -> "64";
          case "Main" -> "4d";
          default -> "42";
        } + "[0-9a-f]{2}" + String.format(Locale.ROOT, "%02x", level);
        // ISO/IEC 14496-15 E.3: hvc1.<profile>.<compat>.L<level>...
        case "hevc" -> "hvc1\\.1\\.[0-9A-F]+\\.L" + level + "(\\.[0-9A-F]+)*";
        case "mpeg2video" -> "mp4v\\.6[0-5]";
        case "aac" -> profile.equals("LC") ? "mp4a\\.40\\.2" : "mp4a\\.40\\.\\d+";
        case "ac3" -> "ac-3";
        case "mp2" -> "mp4a\\.6B|mp4a\\.69";
        default -> throw new AssertionError("no codecs pattern for " + codec);
      });
    }
    return new Expected(width, height, rate, codecs);
  }
}
