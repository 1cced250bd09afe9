package io.swarmtv.swarm.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.net.RecordingPeerEvents.Connected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Disconnected;
import io.swarmtv.swarm.net.RecordingPeerEvents.Message;
import io.swarmtv.swarm.net.RecordingPeerEvents.ProtocolError;
import io.swarmtv.swarm.wire.Goodbye;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Have;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.ProtocolException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw sockets sending what no transport would: garbage, oversize lengths, nothing at all. */
class PeerTransportHostileInputTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelId CHANNEL = KEY.id();
  private static final byte[] OVERSIZE_LENGTH = {0x7F, 0x00, 0x00, 0x00, 0x08};
  private static final String OVERSIZE_ERROR =
      "frame length 2130706432 over the maximum 16478 (type byte and the largest chunk)";

  private final TransportFixture net = new TransportFixture();

  @AfterEach
  void closeAll() throws Exception {
    net.closeAll();
  }


  @Test
  void garbageInsteadOfAHandshakeIsClosedAndReachesNoLogic() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.raw(b);

    raw.sendBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertTrue(raw.closedWithin(2_000), "closed without a word");
    bLogic.assertQuietFor(200);
    await().until(() -> b.connectionCount() == 0);
  }

  @Test
  void anOversizeLengthBeforeTheHandshakeIsClosedAndReachesNoLogic() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.raw(b);

    raw.sendBytes(OVERSIZE_LENGTH);

    assertTrue(raw.closedWithin(2_000));
    bLogic.assertQuietFor(200);
  }

  @Test
  void anOversizeLengthAfterTheHandshakeIsAProtocolErrorForTheLogic() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.handshaken(b, bLogic, CHANNEL);
    PeerLink link = bLogic.next(Connected.class).link();

    raw.send(new Have(1));
    raw.sendBytes(OVERSIZE_LENGTH);
    raw.send(new Have(2)); // after the error: never read

    assertEquals(new Have(1), bLogic.next(Message.class).message());
    ProtocolError error = bLogic.next(ProtocolError.class);
    assertEquals(link, error.link());
    assertEquals(OVERSIZE_ERROR, error.error().getMessage());
    // The recording logic closes on a protocol error, as the real one does.
    assertEquals(new Goodbye(GoodbyeReason.PROTOCOL_ERROR, OVERSIZE_ERROR), raw.read());
    assertTrue(raw.closedWithin(2_000));
    bLogic.next(Disconnected.class);
    bLogic.assertQuietFor(200);
  }

  @Test
  void noHandshakeWithinTheTimeoutIsClosedAndReachesNoLogic() throws Exception {
    PeerTransport b = net.transport(Loopback.settings()
        .withHandshakeTimeout(Duration.ofMillis(300)));
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket silent = net.raw(b);
    RawPeerSocket halfway = net.raw(b);
    byte[] handshake = MessageCodec.encode(TransportFixture.handshake(CHANNEL));

    halfway.sendBytes(Arrays.copyOf(handshake, handshake.length / 2));

    long start = System.nanoTime();
    assertTrue(silent.closedWithin(3_000));
    assertTrue(halfway.closedWithin(3_000));
    assertTrue(System.nanoTime() - start > Duration.ofMillis(200).toNanos(), "not before");
    bLogic.assertQuietFor(200);
    await().until(() -> b.connectionCount() == 0);
  }

  @Test
  void aConnectionClosedInsideAFrameEndsWithoutAProtocolError() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.handshaken(b, bLogic, CHANNEL);
    bLogic.next(Connected.class);
    byte[] chunk = MessageCodec.encode(Loopback.chunks(KEY, 1, 4096).get(0));

    raw.sendBytes(Arrays.copyOf(chunk, chunk.length - 100));
    raw.close();

    bLogic.next(Disconnected.class);
    bLogic.assertQuietFor(200);
  }

  @Test
  void aDialledPeerAnsweringWithGarbageFailsTheDial() throws Exception {
    PeerTransport a = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ADDRESS)) {
      CompletableFuture<PeerLink> dial = a.connect(
          new InetSocketAddress(Loopback.ADDRESS, listener.getLocalPort()), CHANNEL);
      try (RawPeerSocket peer = RawPeerSocket.wrap(listener.accept())) {
        assertEquals(aLogic.ourHandshake(), peer.read(), "the dialler speaks first");
        peer.sendBytes(MessageCodec.encode(new Have(3)));

        ExecutionException e = assertThrows(ExecutionException.class, dial::get);
        assertEquals("first frame is have, expected a handshake",
            assertInstanceOf(ProtocolException.class, e.getCause()).getMessage());
        assertEquals(new Goodbye(GoodbyeReason.PROTOCOL_ERROR,
            "first frame is have, expected a handshake"), peer.read());
        assertTrue(peer.closedWithin(2_000));
      }
    }
    aLogic.assertQuietFor(200);
  }

  @Test
  void aDialledPeerThatNeverAnswersTimesOut() throws Exception {
    PeerTransport a = net.transport(Loopback.settings()
        .withHandshakeTimeout(Duration.ofMillis(300)));
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ADDRESS)) {
      CompletableFuture<PeerLink> dial = a.connect(
          new InetSocketAddress(Loopback.ADDRESS, listener.getLocalPort()), CHANNEL);
      try (Socket accepted = listener.accept()) {
        ExecutionException e = assertThrows(ExecutionException.class, dial::get);
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertFalse(accepted.isClosed());
      }
    }
    aLogic.assertQuietFor(200);
    await().until(() -> a.connectionCount() == 0);
  }
}
