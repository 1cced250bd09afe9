package io.swarmtv.swarm.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.net.RecordingPeerEvents.Connected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Disconnected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Message;
import io.swarmtv.swarm.wire.Goodbye;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.Have;
import io.swarmtv.swarm.wire.IncompatibleVersionException;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handshakes between two transports on loopback: versions, channels, refusals. */
class PeerTransportHandshakeTest {
  private static final ChannelId CHANNEL = ChannelKey.generate().id();
  private static final ChannelId OTHER_CHANNEL = ChannelKey.generate().id();

  private final TransportFixture net = new TransportFixture();

  @AfterEach
  void closeAll() throws Exception {
    net.closeAll();
  }

  private static Throwable dialFailure(CompletableFuture<PeerLink> dial) {
    ExecutionException e = assertThrows(ExecutionException.class, dial::get);
    return e.getCause();
  }

  @Test
  void bothSidesConnectWithEachOthersHandshake() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);

    PeerLink dialled = a.connect(Loopback.at(b), CHANNEL).get();

    Connected atB = bLogic.next(Connected.class);
    assertEquals(aLogic.ourHandshake(), atB.theirs());
    assertEquals(VersionRange.V1, atB.version());
    assertEquals(Loopback.ADDRESS, atB.link().remoteAddress().getAddress());
    assertNotEquals(a.port(), atB.link().remoteAddress().getPort(), "a source port");
    Connected atA = aLogic.next(Connected.class);
    assertSame(dialled, atA.link(), "the future completes with the link onConnected got");
    assertEquals(bLogic.ourHandshake(), atA.theirs());
    assertEquals(Loopback.at(b), dialled.remoteAddress());
    assertEquals(1, a.connectionCount());
    assertEquals(1, b.connectionCount());
  }

  @Test
  void theHighestVersionBothSpeakIsAgreed() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL, new VersionRange(1, 3));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL, new VersionRange(2, 5));

    a.connect(Loopback.at(b), CHANNEL).get();

    assertEquals(3, aLogic.next(Connected.class).version());
    assertEquals(3, bLogic.next(Connected.class).version());
  }

  @Test
  void versionsThatDoNotOverlapEndTheDialAndReachNoLogic() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL, new VersionRange(1, 1));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL, new VersionRange(2, 3));

    Throwable failure = dialFailure(a.connect(Loopback.at(b), CHANNEL));

    IncompatibleVersionException e = assertInstanceOf(IncompatibleVersionException.class, failure);
    assertEquals("no common protocol version: we speak 1, the peer speaks 2..3", e.getMessage());
    aLogic.assertQuietFor(300);
    bLogic.assertQuietFor(0);
    await().until(() -> a.connectionCount() == 0 && b.connectionCount() == 0);
  }

  @Test
  void anAcceptedPeerWithoutACommonVersionGetsOurHandshakeThenAGoodbye() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.raw(b);

    raw.send(new Handshake(new VersionRange(2, 4), CHANNEL, PeerId.random(), 0, 0));

    assertEquals(bLogic.ourHandshake(), raw.read());
    assertEquals(new Goodbye(GoodbyeReason.INCOMPATIBLE_VERSION,
        "no common protocol version: we speak 1, the peer speaks 2..4"), raw.read());
    assertTrue(raw.closedWithin(2_000));
    bLogic.assertQuietFor(200);
  }

  @Test
  void aPeerTheLogicRefusesNeverGetsAnEnd() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    aLogic.refuseNewPeers();

    Throwable failure = dialFailure(a.connect(Loopback.at(b), CHANNEL));

    PeerRefusedException refused = assertInstanceOf(PeerRefusedException.class, failure);
    assertEquals(GoodbyeReason.TOO_MANY_PEERS, refused.reason());
    assertEquals("refused by the swarm logic: full", refused.getMessage());
    aLogic.next(Connected.class);
    // The other side had accepted: it hears why, then the end.
    PeerLink atB = bLogic.next(Connected.class).link();
    assertEquals(new Goodbye(GoodbyeReason.TOO_MANY_PEERS, "full"),
        bLogic.next(Message.class).message());
    assertSame(atB, bLogic.next(Disconnected.class).link());
    aLogic.assertQuietFor(300);
  }

  @Test
  void twoChannelsShareOnePort() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aFirst = net.join(a, CHANNEL);
    RecordingPeerEvents aSecond = net.join(a, OTHER_CHANNEL);
    RecordingPeerEvents bFirst = net.join(b, CHANNEL);
    RecordingPeerEvents bSecond = net.join(b, OTHER_CHANNEL);

    PeerLink first = a.connect(Loopback.at(b), CHANNEL).get();
    PeerLink second = a.connect(Loopback.at(b), OTHER_CHANNEL).get();
    aFirst.sendAll(first, List.of(new Have(1)));
    aSecond.sendAll(second, List.of(new Have(2)));

    assertEquals(CHANNEL, bFirst.next(Connected.class).theirs().channel());
    assertEquals(new Have(1), bFirst.next(Message.class).message());
    assertEquals(OTHER_CHANNEL, bSecond.next(Connected.class).theirs().channel());
    assertEquals(new Have(2), bSecond.next(Message.class).message());
    assertEquals(CHANNEL, aFirst.next(Connected.class).theirs().channel());
    assertEquals(OTHER_CHANNEL, aSecond.next(Connected.class).theirs().channel());
    bFirst.assertQuietFor(200);
    bSecond.assertQuietFor(0);
  }

  @Test
  void aPeerAskingForAnotherChannelGetsAHandshakeForNoneThenWrongChannel() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.raw(b);

    raw.send(new Handshake(VersionRange.SUPPORTED, OTHER_CHANNEL, PeerId.random(), 0, 0));

    Handshake answer = assertInstanceOf(Handshake.class, raw.read());
    assertNotEquals(OTHER_CHANNEL, answer.channel());
    assertNotEquals(CHANNEL, answer.channel(), "which channels are here is not given away");
    assertEquals(b.port(), answer.listenPort());
    assertEquals(new Goodbye(GoodbyeReason.WRONG_CHANNEL, "not in channel " + OTHER_CHANNEL),
        raw.read());
    assertTrue(raw.closedWithin(2_000));
    bLogic.assertQuietFor(200);
  }

  @Test
  void diallingAPeerNotInTheChannelFailsWithWrongChannel() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, OTHER_CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);

    Throwable failure = dialFailure(a.connect(Loopback.at(b), OTHER_CHANNEL));

    PeerRefusedException refused = assertInstanceOf(PeerRefusedException.class, failure);
    assertEquals(GoodbyeReason.WRONG_CHANNEL, refused.reason());
    aLogic.assertQuietFor(200);
    bLogic.assertQuietFor(0);
    await().until(() -> a.connectionCount() == 0 && b.connectionCount() == 0);
  }

  @Test
  void dialsToAClosedPortOrAnUnregisteredChannelFail() throws Exception {
    PeerTransport a = net.transport();
    net.join(a, CHANNEL);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, Loopback.ADDRESS)) {
      closedPort = socket.getLocalPort();
    }

    Throwable failure =
        dialFailure(a.connect(new InetSocketAddress(Loopback.ADDRESS, closedPort), CHANNEL));

    assertInstanceOf(ConnectException.class, failure);
    await().until(() -> a.connectionCount() == 0);
    assertThrows(IllegalArgumentException.class,
        () -> a.connect(new InetSocketAddress(Loopback.ADDRESS, closedPort), OTHER_CHANNEL));
    try (RecordingPeerEvents second = new RecordingPeerEvents(CHANNEL)) {
      assertThrows(IllegalStateException.class,
          () -> a.register(CHANNEL, second, second.executor()));
    }
  }

  @Test
  void unregisteringClosesTheChannelsConnections() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    TransportFixture.connect(a, aLogic, b, bLogic, CHANNEL);

    b.unregister(CHANNEL);

    bLogic.next(Disconnected.class);
    assertEquals(new Goodbye(GoodbyeReason.CLOSING, "left the channel"),
        aLogic.next(Message.class).message());
    aLogic.next(Disconnected.class);
    PeerRefusedException refused = assertInstanceOf(PeerRefusedException.class,
        dialFailure(a.connect(Loopback.at(b), CHANNEL)));
    assertEquals(GoodbyeReason.WRONG_CHANNEL, refused.reason());
  }
}
