package io.swarmtv.discovery.dht;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our own nodes on real UDP sockets on loopback: finding each other, restarting, and bad input on the wire. */
class DhtNodeTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static DhtNode start(List<InetSocketAddress> bootstrap, Path data) throws IOException {
    return DhtNode.start(DhtSettings.of(LOOPBACK, 0, bootstrap, data).withRetrackInterval(Duration.ofSeconds(1)));
  }

  @Test
  void ourNodesFindEachOthersAnnounces() throws Exception {
    try (DhtNode a = start(List.of(), null);
        DhtNode b = start(List.of(a.localAddress()), null);
        DhtNode c = start(List.of(a.localAddress()), null)) {
      byte[] infoHash = new byte[20];
      new Random(5).nextBytes(infoHash);
      Set<InetSocketAddress> foundByC = ConcurrentHashMap.newKeySet();
      try (AutoCloseable announcing = b.track(infoHash, 7001, p -> {});
          AutoCloseable looking = c.track(infoHash, 0, foundByC::add)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> foundByC.contains(new InetSocketAddress("127.0.0.1", 7001)));
      }
      assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 7001)), foundByC);
      assertTrue(c.figures().peersFound() >= 1);
      assertTrue(a.figures().announcesStored() >= 1, a.figures().toString());
    }
  }

  @Test
  void aRestartKeepsItsIdAndRejoinsFromTheSavedTable(@TempDir Path data) throws Exception {
    try (DhtNode router = start(List.of(), null)) {
      NodeId firstId;
      try (DhtNode node = start(List.of(router.localAddress()), data)) {
        firstId = node.id();
        node.bootstrapped().get(10, TimeUnit.SECONDS);
        assertEquals(1, node.figures().nodes());
      }
      Path table = data.resolve(NodeTableFile.NAME);
      NodeTableFile.Saved saved = NodeTableFile.read(table);
      assertEquals(firstId, saved.id());
      assertEquals(List.of(new NodeContact(router.id(), router.localAddress())), saved.nodes());

      // No bootstrap nodes this time: only the saved table can get it back in.
      try (DhtNode again = start(List.of(), data)) {
        assertEquals(firstId, again.id());
        LookupOutcome rejoined = again.bootstrapped().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(router.id()), rejoined.closest().stream().map(NodeContact::id).toList());
        assertEquals(1, again.figures().nodes());
      }

      // A damaged file is reported and replaced, never fatal.
      Files.write(table, "d2:id3:abce".getBytes(StandardCharsets.US_ASCII));
      IOException damaged = assertThrows(IOException.class, () -> NodeTableFile.read(table));
      assertTrue(damaged.getMessage().contains("not a DHT node table"), damaged.getMessage());
      try (DhtNode fresh = start(List.of(router.localAddress()), data)) {
        assertNotEquals(firstId, fresh.id());
        fresh.bootstrapped().get(10, TimeUnit.SECONDS);
      }
      assertEquals(1, NodeTableFile.read(table).nodes().size());
      try (var files = Files.list(data)) {
        assertEquals(List.of(table), files.toList(), "no temp files left behind");
      }

      // A run that reached no one leaves the saved table alone.
      byte[] before = Files.readAllBytes(table);
      start(List.of(), data).close();
      assertArrayEquals(before, Files.readAllBytes(table));
    }
  }

  @Test
  void badDatagramsOnTheWireAreRefusedAndTheNodeKeepsAnswering() throws Exception {
    try (DhtNode node = start(List.of(), null);
        DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
        DatagramSocket honest = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
      attacker.setSoTimeout(2_000);
      honest.setSoTimeout(2_000);
      InetSocketAddress to = node.localAddress();
      NodeId attackerId = NodeId.of(new byte[20]);

      send(attacker, to, new byte[4000]);
      send(attacker, to, "d1:t2:xx1:y1:qe".getBytes(StandardCharsets.US_ASCII));
      KrpcError missing = assertInstanceOf(KrpcError.class, receive(attacker));
      assertEquals(203, missing.code());
      assertTrue(missing.message().contains("missing key 'q'"), missing.message());

      send(attacker, to, "d1:ad2:id3:abce1:q4:ping1:t2:xx1:y1:qe".getBytes(StandardCharsets.US_ASCII));
      KrpcError shortId = assertInstanceOf(KrpcError.class, receive(attacker));
      assertTrue(shortId.message().contains("'id' is 3 bytes, not 20"), shortId.message());

      send(attacker, to, KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {1}),
          new AnnouncePeerQuery(attackerId, attackerId, 80, false, new byte[] {1, 2, 3, 4}))));
      KrpcError badToken = assertInstanceOf(KrpcError.class, receive(attacker));
      assertEquals("bad token", badToken.message());

      assertEquals(3, node.figures().dropped(), "the oversized datagram and two malformed ones: " + node.figures());

      // A flood from one address: the engine answers its burst and then its rate, drops the rest,
      // and stays up for everyone else. (The kernel may drop some of the flood before we see it.)
      byte[] ping = KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {2}), new PingQuery(attackerId)));
      long start = System.nanoTime();
      for (int i = 0; i < 3000; i++) {
        send(attacker, to, ping);
      }
      int answered = 0;
      attacker.setSoTimeout(500);
      try {
        while (true) {
          receive(attacker);
          answered++;
        }
      } catch (SocketTimeoutException drained) {
        // all replies read
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(answered >= DhtEngine.SOURCE_BURST, "answered " + answered);
      assertTrue(answered <= DhtEngine.SOURCE_BURST + DhtEngine.SOURCE_RATE * seconds + 1,
          "answered " + answered + " of 3000 in " + seconds + " s");
      assertTrue(node.figures().dropped() > 3, node.figures().toString());

      send(honest, to, KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {3}),
          new PingQuery(NodeId.of(new byte[20])))));
      KrpcResponse pong = assertInstanceOf(KrpcResponse.class, receive(honest));
      assertEquals(node.id(), pong.sender());
    }
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (DhtNode first = start(List.of(), null)) {
      IOException e = assertThrows(IOException.class,
          () -> DhtNode.start(DhtSettings.of(LOOPBACK, first.localAddress().getPort(), List.of(), null)));
      assertTrue(e.getMessage().startsWith("cannot listen for the DHT on UDP"), e.getMessage());
    }
  }

  @Test
  void aSilentNodeFailsItsPing() throws Exception {
    try (DhtNode node = start(List.of(), null); DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> node.ping((InetSocketAddress) silent.getLocalSocketAddress()).get(15, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("did not answer a ping"));
      assertEquals(1, node.figures().timeouts());
    }
  }

  private static void send(DatagramSocket from, InetSocketAddress to, byte[] data) throws IOException {
    from.send(new DatagramPacket(data, data.length, to));
  }

  private static KrpcMessage receive(DatagramSocket socket) throws IOException {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    byte[] b = Arrays.copyOf(buf, p.getLength());
    return KrpcCodec.decode(b, 0, b.length);
  }
}
