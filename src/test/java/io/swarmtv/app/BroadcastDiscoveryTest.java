package io.swarmtv.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelLink;
import io.swarmtv.discovery.tracker.NodeTracker;
import io.swarmtv.testing.TestFeeds;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code broadcast} announces itself to the trackers it is given, puts them in its link and says stopped on leaving. */
class BroadcastDiscoveryTest {
  private static final Pattern PORT = Pattern.compile("on peer port (\\d+)");

  @Test
  void broadcastAnnouncesToItsTrackerAndLeavesIt(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("ch.key");
    assertEquals(0, ProbeCommandTest.swarmtv("keygen", "--out", key.toString()).exit());
    try (NodeTracker tracker = NodeTracker.start(600)) {
      CompletableFuture<ProbeCommandTest.Run> broadcast = CompletableFuture.supplyAsync(() -> ProbeCommandTest.swarmtv(
          "broadcast", "--key", key.toString(), "--input", TestFeeds.H264_BFRAMES_25.path().toString(), "--loop",
          "--port", "0", "--no-public", "--no-lan", "--tracker", tracker.http().toString(), "--stop-after", "6"));
      await().atMost(15, TimeUnit.SECONDS).until(() -> tracker.events().stream().anyMatch(e -> e.startsWith("start ")));
      ProbeCommandTest.Run run = broadcast.get(30, TimeUnit.SECONDS);
      assertEquals(0, run.exit(), run.err());
      ChannelLink link = ChannelLink.parse(run.out().strip());
      assertEquals(List.of(tracker.http()), link.trackers(), "--tracker goes into the link");
      Matcher port = PORT.matcher(run.err());
      assertTrue(port.find(), run.err());
      await().atMost(5, TimeUnit.SECONDS).until(() -> tracker.events().contains("stop 127.0.0.1:" + port.group(1)));
      assertEquals("start 127.0.0.1:" + port.group(1), tracker.events().get(0));
      assertTrue(run.err().contains("discovery: 1 tracker | LAN off"), run.err());
      assertTrue(run.err().contains("discovery: trackers 1/1 answering"), run.err());
    }
  }

  @Test
  void badDiscoveryOptionsAreRefusedByName(@TempDir Path dir) {
    Path key = dir.resolve("ch.key");
    assertEquals(0, ProbeCommandTest.swarmtv("keygen", "--out", key.toString()).exit());
    String input = TestFeeds.H264_BFRAMES_25.path().toString();
    ProbeCommandTest.Run ftp = ProbeCommandTest.swarmtv("broadcast", "--key", key.toString(), "--input", input,
        "--no-public", "--tracker", "ftp://t.example/announce");
    assertEquals(2, ftp.exit());
    assertTrue(ftp.err().contains("not an http, https or udp URL"), ftp.err());
    ProbeCommandTest.Run nic = ProbeCommandTest.swarmtv("broadcast", "--key", key.toString(), "--input", input,
        "--no-public", "--interface", "nosuch0", "--port", "0");
    assertEquals(2, nic.exit());
    assertTrue(nic.err().contains("--interface: no network interface called nosuch0"), nic.err());
  }
}
