package io.swarmtv.swarm.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.net.RecordingPeerEvents.Connected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Disconnected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Message;
import io.swarmtv.swarm.wire.Goodbye;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.Ping;
import io.swarmtv.swarm.wire.Pong;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keepalive, idle timeout, limits, refusal at accept and shutdown. */
class PeerTransportLifecycleTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelId CHANNEL = KEY.id();

  private final TransportFixture net = new TransportFixture();

  @AfterEach
  void closeAll() throws Exception {
    net.closeAll();
  }


  private RawPeerSocket connected(PeerTransport transport, RecordingPeerEvents logic)
      throws Exception {
    RawPeerSocket raw = net.handshaken(transport, logic, CHANNEL);
    logic.next(Connected.class);
    return raw;
  }

  @Test
  void aQuietConnectionIsPingedAndPingsAreAnsweredWithoutTheLogic() throws Exception {
    PeerTransport b = net.transport(Loopback.settings()
        .withKeepalive(Duration.ofMillis(200), Duration.ofSeconds(5)));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = connected(b, bLogic);

    Ping keepalive = assertInstanceOf(Ping.class, raw.read());
    raw.send(new Pong(keepalive.nonce()));
    raw.send(new Ping(77));

    PeerMessage answer;
    do {
      answer = raw.read(); // more keepalive pings may come first
    } while (answer instanceof Ping);
    assertEquals(new Pong(77), answer);
    bLogic.assertQuietFor(300); // neither the ping nor the keepalive's pong
  }

  @Test
  void aSilentPeerIsClosedAfterTheIdleTimeout() throws Exception {
    PeerTransport b = net.transport(Loopback.settings()
        .withKeepalive(Duration.ofMillis(200), Duration.ofMillis(800)));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = connected(b, bLogic);
    long start = System.nanoTime();

    int pings = 0;
    try {
      while (true) {
        assertInstanceOf(Ping.class, raw.read()); // read, never answered
        pings++;
      }
    } catch (EOFException | SocketException e) {
      // closed
    }

    assertTrue(System.nanoTime() - start >= Duration.ofMillis(700).toNanos());
    assertTrue(pings >= 2, pings + " pings");
    bLogic.next(Disconnected.class);
  }

  @Test
  void keepalivesHoldAQuietConnectionBetweenTwoTransports() throws Exception {
    PeerTransportSettings settings = Loopback.settings()
        .withKeepalive(Duration.ofMillis(100), Duration.ofMillis(400));
    PeerTransport a = net.transport(settings);
    PeerTransport b = net.transport(settings);
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    TransportFixture.connect(a, aLogic, b, bLogic, CHANNEL);

    aLogic.assertQuietFor(1_500);
    bLogic.assertQuietFor(0);
    assertEquals(1, a.connectionCount());
    assertEquals(1, b.connectionCount());
  }

  @Test
  void closeSaysGoodbyeEndsEveryLinkAndFreesThePort() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    TransportFixture.connect(a, aLogic, b, bLogic, CHANNEL);
    RawPeerSocket raw = connected(b, bLogic);
    RawPeerSocket handshaking = net.raw(b);
    int port = b.port();

    long start = System.nanoTime();
    b.close();

    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    bLogic.next(Disconnected.class);
    bLogic.next(Disconnected.class);
    assertEquals(new Goodbye(GoodbyeReason.CLOSING, "shutting down"),
        aLogic.next(Message.class).message());
    aLogic.next(Disconnected.class);
    assertEquals(new Goodbye(GoodbyeReason.CLOSING, "shutting down"), raw.read());
    assertTrue(raw.closedWithin(2_000));
    assertTrue(handshaking.closedWithin(2_000), "no goodbye before our handshake");
    try (ServerSocket again = new ServerSocket(port, 50, Loopback.ADDRESS)) {
      assertEquals(port, again.getLocalPort());
    }
    net.transport(Loopback.settings().withPort(port)).close();
    assertThrows(IllegalStateException.class,
        () -> b.register(CHANNEL, bLogic, bLogic.executor()));
  }

  @Test
  void closeReturnsInTimeWhenAPeerHasStoppedReading() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.keep(RawPeerSocket.connectWithSmallReceiveBuffer(b.port()));
    raw.send(TransportFixture.handshake(CHANNEL));
    raw.read();
    PeerLink link = bLogic.next(Connected.class).link();
    bLogic.sendAll(link, Loopback.chunks(KEY, 600, Chunk.MAX_PAYLOAD));
    await().until(() -> link.queuedBytes() > 1 << 20);
    int port = b.port();

    long start = System.nanoTime();
    b.close();

    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    bLogic.next(Disconnected.class);
    try (ServerSocket again = new ServerSocket(port, 50, Loopback.ADDRESS)) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void aRefusedAddressIsClosedAtAccept() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.keep(new RecordingPeerEvents(CHANNEL));
    Set<InetAddress> asked = ConcurrentHashMap.newKeySet();
    b.register(CHANNEL, bLogic, bLogic.executor(), address -> {
      asked.add(address);
      return address.isLoopbackAddress();
    });
    RawPeerSocket raw = net.raw(b);

    assertTrue(raw.closedWithin(2_000), "closed before any byte");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> a.connect(Loopback.at(b), CHANNEL).get());
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals(Set.of(Loopback.ADDRESS), asked);
    aLogic.assertQuietFor(200);
    bLogic.assertQuietFor(0);
    await().until(() -> b.connectionCount() == 0 && a.connectionCount() == 0);
  }

  @Test
  void connectionsOverTheHandshakeLimitAreRefusedAtAccept() throws Exception {
    PeerTransport b = net.transport(Loopback.settings().withLimits(10, 2));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket first = net.raw(b);
    RawPeerSocket second = net.raw(b);
    await().until(() -> b.connectionCount() == 2);

    assertTrue(net.raw(b).closedWithin(2_000), "a third handshaking connection");

    first.send(TransportFixture.handshake(CHANNEL));
    bLogic.next(Connected.class);
    RawPeerSocket third = net.raw(b);
    assertFalse(third.closedWithin(300), "room again once a handshake is done");
    third.send(TransportFixture.handshake(CHANNEL));
    bLogic.next(Connected.class);
    assertFalse(second.closedWithin(50));
  }

  @Test
  void connectionsOverTheTotalLimitAreRefusedAtAccept() throws Exception {
    PeerTransport b = net.transport(Loopback.settings().withLimits(2, 2));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    connected(b, bLogic);
    connected(b, bLogic);

    assertTrue(net.raw(b).closedWithin(2_000));
    assertEquals(2, b.connectionCount());
    bLogic.assertQuietFor(200);
  }

  @Test
  void fiftyPeersConnectingAtOnceAllCompleteTheHandshake() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    List<RecordingPeerEvents> dialLogics = new ArrayList<>();
    List<CompletableFuture<PeerLink>> dials = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PeerTransport a = net.transport(Loopback.settings().withThreads(1));
      dialLogics.add(net.join(a, CHANNEL));
      for (int j = 0; j < 10; j++) {
        dials.add(a.connect(Loopback.at(b), CHANNEL));
      }
    }

    CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    Set<PeerLink> accepted = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      accepted.add(bLogic.next(Connected.class).link());
    }
    assertEquals(50, accepted.size());
    assertEquals(50, b.connectionCount());
    for (RecordingPeerEvents logic : dialLogics) {
      for (int j = 0; j < 10; j++) {
        logic.next(Connected.class);
      }
    }
  }
}
