package io.swarmtv.app;

import static io.swarmtv.app.ProbeCommandTest.swarmtv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and broadcast commands run live, end to end, as a user starts them. */
class LiveCommandsTest {
  private static final Pattern TOTAL = Pattern.compile("stopped; in all:\\s+live \\S+ \\| (\\d+) chunks, (\\d+) segments");

  @Test
  void demoDescribesItsChannelAndPlaysItThroughASwarm() {
    ProbeCommandTest.Run run = swarmtv("demo", "--http-port", "0", "--stop-after", "4");
    assertEquals(0, run.exit(), run.err() + run.out());
    String out = run.out();
    Matcher link = Pattern.compile("channel link:\\s+(\\S+)").matcher(out);
    assertTrue(link.find(), out);
    assertEquals("swarmtv demo", ChannelLink.parse(link.group(1)).name());
    assertTrue(out.contains("video h264  854x480 25.00 fps"), out);
    assertTrue(out.contains("audio aac"), out);
    assertTrue(Pattern.compile("M3U: +http://127\\.0\\.0\\.1:\\d+/playlist\\.m3u").matcher(out).find(), out);
    assertTrue(Pattern.compile("page: +http://127\\.0\\.0\\.1:\\d+/\n").matcher(out).find(), out);
    Matcher total = TOTAL.matcher(out);
    assertTrue(total.find(), out);
    long chunks = Long.parseLong(total.group(1));
    assertTrue(chunks >= 20, "four seconds of a 1 Mbit/s clip make dozens of chunks: " + chunks);
    Matcher viewer = Pattern.compile("stopped; in all:[\\s\\S]*swarmtv demo: \\d+ peers \\| (\\d+) chunks .*continuity 100\\.00%")
        .matcher(out);
    assertTrue(viewer.find(), out);
    assertTrue(Long.parseLong(viewer.group(1)) >= chunks - 5, "the viewer keeps up with the broadcaster: " + out);
  }

  @Test
  void broadcastPrintsTheLinkOfItsKeyAndRunsAFile(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("ch.key");
    assertEquals(0, swarmtv("keygen", "--out", key.toString()).exit());
    ProbeCommandTest.Run run = swarmtv("broadcast", "--no-public", "--no-lan", "--key", key.toString(), "--name", "Test",
        "--input", TestFeeds.H264_BFRAMES_25.path().toString(), "--loop", "--stop-after", "2");
    assertEquals(0, run.exit(), run.err());
    ChannelLink link = ChannelLink.parse(run.out().strip());
    assertEquals(ChannelKey.read(key).id(), link.id());
    Matcher total = TOTAL.matcher(run.err());
    assertTrue(total.find(), run.err());
    assertTrue(Long.parseLong(total.group(1)) > 10, run.err());
  }

  @Test
  void broadcastTakesAUdpFeedFromFfmpeg(@TempDir Path dir) throws Exception {
    RealTools.require("ffmpeg");
    Path key = dir.resolve("ch.key");
    assertEquals(0, swarmtv("keygen", "--out", key.toString()).exit());
    int port;
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CompletableFuture<ProbeCommandTest.Run> broadcast = CompletableFuture.supplyAsync(() -> swarmtv("broadcast",
        "--no-public", "--no-lan",
        "--key", key.toString(), "--input", "udp://@127.0.0.1:" + port, "--stop-after", "5"));
    Thread.sleep(1000); // the socket is bound before ffmpeg starts sending
    RealTools.run(Duration.ofSeconds(30), "ffmpeg", "-v", "error", "-re", "-i", TestFeeds.H264_BFRAMES_25.path().toString(),
        "-t", "3", "-c", "copy", "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316");
    ProbeCommandTest.Run run = broadcast.get();
    assertEquals(0, run.exit(), run.err());
    Matcher total = TOTAL.matcher(run.err());
    assertTrue(total.find(), run.err());
    assertTrue(Long.parseLong(total.group(2)) >= 1, "a keyframe every 2 s makes segments: " + run.err());
  }

  @Test
  void broadcastRejectsBadUsageWithOneLine(@TempDir Path dir) {
    ProbeCommandTest.Run scheme = swarmtv("broadcast", "--no-public", "--no-lan", "--key", dir.resolve("k").toString(),
        "--input", "rtp://1.2.3.4:5");
    assertEquals(2, scheme.exit());
    assertTrue(scheme.err().contains("unsupported input scheme 'rtp://'"), scheme.err());

    ProbeCommandTest.Run noKey = swarmtv("broadcast", "--no-public", "--no-lan", "--key", dir.resolve("missing.key").toString(),
        "--input", TestFeeds.H264_BFRAMES_25.path().toString());
    assertEquals(1, noKey.exit());
    assertTrue(noKey.err().contains("missing.key"), noKey.err());
    assertEquals(1, noKey.err().strip().lines().count(), noKey.err());

    ProbeCommandTest.Run loopLive = swarmtv("broadcast", "--no-public", "--no-lan", "--key", dir.resolve("k").toString(),
        "--input", "udp://@127.0.0.1:1", "--loop");
    assertEquals(2, loopLive.exit(), loopLive.err());
  }

  @Test
  void aGatewayReceivesABroadcastThroughAKnownPeer(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("ch.key");
    ProbeCommandTest.Run keygen = swarmtv("keygen", "--out", key.toString(), "--name", "Loopback");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    int finalPort = port;
    CompletableFuture<ProbeCommandTest.Run> broadcast = CompletableFuture.supplyAsync(() -> swarmtv("broadcast",
        "--no-public", "--no-lan",
        "--key", key.toString(), "--input", TestFeeds.H264_BFRAMES_25.path().toString(), "--loop", "--name", "Loopback News",
        "--port", Integer.toString(finalPort), "--bind", "127.0.0.1", "--stop-after", "9"));
    Thread.sleep(1500);
    ProbeCommandTest.Run gateway = swarmtv("gateway", "--data", dir.resolve("gateway").toString(),
        "--no-public", "--no-lan", "--no-dht", "--no-dlna", "--no-port-mapping",
        "--join", keygen.out().strip(), "--peer", "127.0.0.1:" + port, "--peer-port", "0", "--bind", "127.0.0.1", "--http-port", "0", "--http-bind", "127.0.0.1", "--stop-after", "5");
    ProbeCommandTest.Run b = broadcast.get();
    assertEquals(0, gateway.exit(), gateway.err());
    assertEquals(0, b.exit(), b.err());
    // The name the broadcaster signed into the channel's metadata replaces the link's.
    Matcher line = Pattern.compile("stopped; in all:\\s+Loopback News: 1 peers \\| (\\d+) chunks .* continuity 100\\.00%")
        .matcher(gateway.err());
    assertTrue(line.find(), gateway.err());
    assertTrue(Long.parseLong(line.group(1)) > 50, "five seconds of a 25 fps feed come as dozens of chunks: " + gateway.err());
    assertTrue(b.err().contains("swarm: 1 peers"), b.err());
    assertTrue(Pattern.compile("HLS \\(LL-HLS\\): +http://127\\.0\\.0\\.1:\\d+/hls/[a-z2-7]{52}/index\\.m3u8")
        .matcher(gateway.err()).find(), gateway.err());
  }

  @Test
  void gatewayRejectsBadLinksAndPeers(@TempDir Path dir) {
    ProbeCommandTest.Run badLink = swarmtv("gateway", "--data", dir.toString(), "--join", "swarmtv:nope");
    assertEquals(2, badLink.exit());
    assertTrue(badLink.err().contains("--join"), badLink.err());
    ProbeCommandTest.Run badPeer = swarmtv("gateway", "--data", dir.toString(), "--join",
        "swarmtv:nqxemhm36jyzzd7eeuf6dlry3pxdudrpz3fhchiqg5g45b5suusq", "--peer", "127.0.0.1:99999");
    assertEquals(2, badPeer.exit());
    assertTrue(badPeer.err().contains("not 1..65535"), badPeer.err());
  }
}
