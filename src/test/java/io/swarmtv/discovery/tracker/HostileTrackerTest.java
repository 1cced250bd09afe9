package io.swarmtv.discovery.tracker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.swarmtv.discovery.ChannelDiscovery;
import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.discovery.TwoSwarms;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trackers that misbehave on purpose (a JDK HTTP server and a UDP socket written for it): each
 * call ends within its bound with a message that says what was wrong, and a channel whose other
 * tracker works still finds its peers.
 */
class HostileTrackerTest {
  static final TrackerSettings SETTINGS = TrackerSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2),
      Duration.ofMillis(500), 2);
  HttpServer http;
  DatagramSocket udp;
  Thread udpServer;
  int tries;
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startHostileServers() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext("/error/announce", ex -> {
      byte[] body = "<h1>Internal Server Error</h1>".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(500, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.createContext("/garbage/announce", ex -> {
      byte[] body = "d8:intervali60e5:peers".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.createContext("/huge/announce", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked, without end
      byte[] junk = new byte[16 * 1024];
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 64 * 1024; i++) { // up to a GiB, unless the client hangs up first
          out.write(junk);
        }
      } catch (java.io.IOException clientLeft) {
        // what we want
      }
    });
    http.createContext("/hang/announce", ex -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    http.createContext("/slowbody/announce", ex -> {
      ex.sendResponseHeaders(200, 1000);
      ex.getResponseBody().write("d8:interval".getBytes(StandardCharsets.US_ASCII));
      ex.getResponseBody().flush();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    http.start();
    udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    udpServer = new Thread(() -> {
      byte[] buf = new byte[2048];
      while (!udp.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          udp.receive(p);
          int tx = ByteBuffer.wrap(buf, 12, 4).getInt();
          // A well-formed connect reply, for a transaction that is not the one asked.
          byte[] reply = ByteBuffer.allocate(16).putInt(0).putInt(tx + 1).putLong(42).array();
          udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
          // A short scrap of a datagram: too short to carry a transaction id.
          udp.send(new DatagramPacket(new byte[5], 5, p.getSocketAddress()));
          // After the first announce's two tries, an answer to the right transaction with an action that is none.
          if (tries++ >= 2) {
            byte[] odd = ByteBuffer.allocate(16).putInt(7).putInt(tx).putLong(0).array();
            udp.send(new DatagramPacket(odd, odd.length, p.getSocketAddress()));
          }
        } catch (java.io.IOException closed) {
          return;
        }
      }
    });
    udpServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    http.stop(0);
    udp.close();
    udpServer.join(2000);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/" + path + "/announce");
  }

  URI udpUrl() {
    return URI.create("udp://127.0.0.1:" + udp.getLocalPort() + "/announce");
  }

  AnnounceRequest request() {
    return new AnnounceRequest(InfoHash.of(new byte[20]), PeerIdBytes.random(new java.security.SecureRandom()), 7000,
        AnnounceEvent.STARTED, 1, 50, 1);
  }

  @Test
  void eachMisbehaviourEndsInItsOwnClearError() throws Exception {
    try (TrackerClients client = TrackerClients.start(SETTINGS, MicrosClock.system())) {
      assertEquals("tracker answered HTTP 500: <h1>Internal Server Error</h1>",
          TrackerInteropTest.assertThrowsTracker(client.announce(http("error"), request())));
      assertEquals("tracker reply is not bencoded: bencode at byte 22: input ends in the middle of a value",
          TrackerInteropTest.assertThrowsTracker(client.announce(http("garbage"), request())));
      assertEquals("tracker reply is longer than 131072 bytes",
          TrackerInteropTest.assertThrowsTracker(client.announce(http("huge"), request())));
      assertEquals("tracker did not answer within 2000 ms",
          TrackerInteropTest.assertThrowsTracker(client.announce(http("hang"), request())));
      assertEquals("tracker did not answer within 2000 ms",
          TrackerInteropTest.assertThrowsTracker(client.announce(http("slowbody"), request())));
      assertEquals("UDP tracker /127.0.0.1:" + udp.getLocalPort() + " did not answer 2 tries of 500 ms",
          TrackerInteropTest.assertThrowsTracker(client.announce(udpUrl(), request())));
      assertEquals("UDP tracker replied with action 7 to a request with action 0",
          TrackerInteropTest.assertThrowsTracker(client.announce(udpUrl(), request())));
    }
  }

  @Test
  void aChannelWithOneGoodTrackerAmongBadOnesStillFindsItsPeers() throws Exception {
    List<URI> bad = List.of(http("error"), http("garbage"), http("huge"), http("hang"), udpUrl());
    try (TwoSwarms swarms = new TwoSwarms(InetAddress.getLoopbackAddress());
        NodeTracker good = NodeTracker.start(600);
        PeerDiscovery atSource = PeerDiscovery.start(List.of(good.http()), SETTINGS, MicrosClock.system());
        PeerDiscovery atViewer = PeerDiscovery.start(bad, SETTINGS, MicrosClock.system())) {
      ChannelDiscovery s = atSource.join(swarms.infoHash(), swarms.sourcePort(), List.of(), true, swarms.source()::addPeer);
      await().atMost(10, TimeUnit.SECONDS).until(() -> s.status().trackers().get(0).announces() == 1);
      ChannelDiscovery v = atViewer.join(swarms.infoHash(), swarms.viewerPort(), List.of(good.http()), false,
          swarms.viewer()::addPeer);
      await().atMost(20, TimeUnit.SECONDS).until(() -> swarms.received() >= 25);
      assertEquals(1, swarms.viewerSources().getOrDefault(PeerSource.TRACKER, 0));
      await().atMost(10, TimeUnit.SECONDS).until(() -> v.status().trackers().stream().filter(t -> t.failures() > 0).count() == 5);
      Map<URI, String> errors = v.status().trackers().stream().filter(t -> t.lastError() != null)
          .collect(Collectors.toMap(TrackerStatus::tracker, TrackerStatus::lastError));
      assertEquals(5, errors.size(), errors.toString());
      assertTrue(errors.get(http("error")).contains("HTTP 500"));
      assertTrue(errors.get(http("hang")).contains("did not answer"));
      assertTrue(errors.get(udpUrl()).startsWith("UDP tracker"), errors.get(udpUrl()));
      assertTrue(v.status().trackers().stream().filter(t -> t.tracker().equals(good.http())).allMatch(t -> t.announces() == 1));
    }
  }
}
