package io.swarmtv.discovery.tracker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.ManualClock;
import io.swarmtv.ingest.MicrosClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our tracker clients against real trackers on loopback: npm's bittorrent-tracker and Debian's opentracker. */
class TrackerInteropTest {
  static final TrackerSettings SETTINGS = TrackerSettings.DEFAULT.withTimeouts(Duration.ofSeconds(5),
      Duration.ofSeconds(2), 2);
  final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  InfoHash randomHash() {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return InfoHash.of(b);
  }

  AnnounceRequest request(InfoHash hash, int port) {
    return new AnnounceRequest(hash, PeerIdBytes.random(random), port, AnnounceEvent.STARTED, 1, 50, random.nextInt());
  }

  /** A running tracker of one kind and the URL to reach it, closed with it. */
  record Running(AutoCloseable tracker, URI url) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      tracker.close();
    }
  }

  Running start(String kind, InfoHash hash) throws Exception {
    return switch (kind) {
      case "bittorrent-tracker http" -> { NodeTracker t = NodeTracker.start(600); yield new Running(t, t.http()); }
      case "bittorrent-tracker udp" -> { NodeTracker t = NodeTracker.start(600); yield new Running(t, t.udp()); }
      case "opentracker http" -> { Opentracker t = Opentracker.start(dir, hash); yield new Running(t, t.http()); }
      case "opentracker udp" -> { Opentracker t = Opentracker.start(dir, hash); yield new Running(t, t.udp()); }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"bittorrent-tracker http", "bittorrent-tracker udp", "opentracker http", "opentracker udp"})
  void aSecondPeerLearnsTheFirstAndNoLongerAfterItLeaves(String kind) throws Exception {
    InfoHash hash = randomHash();
    try (Running tracker = start(kind, hash);
        TrackerClients client = TrackerClients.start(SETTINGS, MicrosClock.system())) {
      AnnounceRequest a = request(hash, 7001);
      AnnounceRequest b = request(hash, 7002);
      AnnounceReply first = client.announce(tracker.url(), a).get(10, TimeUnit.SECONDS);
      assertTrue(first.intervalSeconds() > 0);
      AnnounceReply second = client.announce(tracker.url(), b).get(10, TimeUnit.SECONDS);
      assertTrue(second.peers().contains(new InetSocketAddress("127.0.0.1", 7001)), "peers: " + second.peers());
      assertFalse(second.peers().contains(new InetSocketAddress("127.0.0.1", 7003)));

      ScrapeReply counts = client.scrape(tracker.url(), hash).get(10, TimeUnit.SECONDS);
      assertEquals(2, counts.seeders() + counts.leechers(), counts.toString());

      client.announce(tracker.url(), a.withEvent(AnnounceEvent.STOPPED)).get(10, TimeUnit.SECONDS);
      AnnounceReply after = client.announce(tracker.url(), b.withEvent(AnnounceEvent.NONE)).get(10, TimeUnit.SECONDS);
      assertFalse(after.peers().contains(new InetSocketAddress("127.0.0.1", 7001)), "peers: " + after.peers());
    }
  }

  @Test
  void anIpv6PeerComesInPeers6() throws Exception {
    InfoHash hash = randomHash();
    try (NodeTracker tracker = NodeTracker.startIpv6(600);
        TrackerClients client = TrackerClients.start(SETTINGS, MicrosClock.system())) {
      client.announce(tracker.http(), request(hash, 7401)).get(10, TimeUnit.SECONDS);
      AnnounceReply r = client.announce(tracker.http(), request(hash, 7402)).get(10, TimeUnit.SECONDS);
      assertTrue(r.peers().contains(new InetSocketAddress("::1", 7401)), "peers: " + r.peers());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSessionAnnouncesAgainOnTheTrackersIntervalAndSaysStoppedWhenLeaving(boolean udp) throws Exception {
    ManualClock clock = new ManualClock();
    InfoHash hash = randomHash();
    List<InetSocketAddress> found = new CopyOnWriteArrayList<>();
    try (NodeTracker tracker = NodeTracker.start(120);
        TrackerClients client = TrackerClients.start(SETTINGS, clock)) {
      URI url = udp ? tracker.udp() : tracker.http();
      client.announce(url, request(hash, 7100)).get(10, TimeUnit.SECONDS); // someone to find
      TrackerSession session = new TrackerSession(url, client, request(hash, 7101), SETTINGS, clock, found::addAll);
      session.tick();
      await().atMost(10, TimeUnit.SECONDS).until(() -> session.status().announces() == 1);
      TrackerStatus s = session.status();
      assertEquals(clock.nowMicros(), s.lastAnnounceMicros());
      assertEquals(clock.nowMicros() + 120_000_000, s.nextAnnounceMicros(), "the tracker's interval");
      assertNull(s.lastError());
      // bittorrent-tracker lists the asker too; ChannelDiscovery drops our own address.
      assertEquals(s.peersReturned(), found.size());
      assertTrue(found.contains(new InetSocketAddress("127.0.0.1", 7100)), "found " + found);

      clock.advanceSeconds(119);
      session.tick();
      Thread.sleep(300);
      assertEquals(1, session.status().announces(), "not due yet");
      clock.advanceSeconds(1);
      session.tick();
      await().atMost(10, TimeUnit.SECONDS).until(() -> session.status().announces() == 2);

      session.stop().get(10, TimeUnit.SECONDS);
      await().atMost(5, TimeUnit.SECONDS).until(() -> tracker.events().contains("stop 127.0.0.1:7101"));
      List<String> ours = tracker.events().stream().filter(e -> e.endsWith(":7101")).toList();
      assertEquals(List.of("start 127.0.0.1:7101", "update 127.0.0.1:7101", "stop 127.0.0.1:7101"), ours);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRefusalIsShownInTheStatusAndBackedOffFrom(boolean udp) throws Exception {
    ManualClock clock = new ManualClock();
    InfoHash allowed = randomHash();
    try (Opentracker tracker = Opentracker.start(dir, allowed);
        TrackerClients client = TrackerClients.start(SETTINGS, clock)) {
      TrackerSession session = new TrackerSession(udp ? tracker.udp() : tracker.http(), client,
          request(randomHash(), 7200), SETTINGS, clock, peers -> { });
      session.tick();
      await().atMost(10, TimeUnit.SECONDS).until(() -> session.status().failures() == 1);
      TrackerStatus s = session.status();
      assertTrue(s.lastError().startsWith(udp ? "tracker refused: a bare announce header"
          : "tracker refused: \"Requested download is not authorized"), s.lastError());
      assertEquals(clock.nowMicros() + 15_000_000, s.nextAnnounceMicros());
      assertEquals(0, s.announces());
      clock.advanceSeconds(15);
      session.tick();
      await().atMost(10, TimeUnit.SECONDS).until(() -> session.status().failures() == 2);
      assertEquals(clock.nowMicros() + 30_000_000, session.status().nextAnnounceMicros(), "doubled");
    }
  }

  @Test
  void aTrackerThatIsNotThereFailsWithinTheBound() throws Exception {
    int closedPort;
    try (java.net.DatagramSocket d = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = d.getLocalPort();
    }
    try (TrackerClients client = TrackerClients.start(SETTINGS, MicrosClock.system())) {
      var http = client.announce(URI.create("http://127.0.0.1:" + closedPort + "/announce"), request(randomHash(), 7300));
      var err = assertThrowsTracker(http);
      assertTrue(err.startsWith("cannot reach tracker 127.0.0.1"), err);
    }
  }

  static String assertThrowsTracker(java.util.concurrent.CompletableFuture<?> f) throws Exception {
    try {
      f.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause() instanceof TrackerException, e.getCause().toString());
      return e.getCause().getMessage();
    }
    throw new AssertionError("the call succeeded");
  }
}
