package io.swarmtv.discovery.dht;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.RealTools;
import java.io.DataInputStream;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real BitTorrent client's DHT (aria2c) joins through our node: it finds the port we announced
 * and connects there with a BitTorrent handshake for the info-hash, and its own announce reaches
 * our get_peers.
 */
class Aria2DhtInteropTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aria2FindsOurAnnounceAndWeFindIts(@TempDir Path dir) throws Exception {
    RealTools.require("aria2c");
    byte[] infoHash = new byte[20];
    new Random(21).nextBytes(infoHash);
    int aria2Port;
    int aria2DhtPort;
    try (ServerSocket a = new ServerSocket(0, 1, LOOPBACK); DatagramSocket d = new DatagramSocket(0, LOOPBACK)) {
      aria2Port = a.getLocalPort();
      aria2DhtPort = d.getLocalPort();
    }
    try (DhtNode entry = DhtNode.start(DhtSettings.of(LOOPBACK, 0, List.of(), null));
        DhtNode ours = DhtNode.start(DhtSettings.of(LOOPBACK, 0, List.of(entry.localAddress()), null)
            .withRetrackInterval(Duration.ofSeconds(1)));
        ServerSocket swarmPort = new ServerSocket(0, 5, LOOPBACK)) {
      swarmPort.setSoTimeout(60_000);
      Set<InetSocketAddress> found = ConcurrentHashMap.newKeySet();
      try (AutoCloseable tracking = ours.track(infoHash, swarmPort.getLocalPort(), found::add)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> entry.figures().announcesStored() == 1);
        Process aria2 = new ProcessBuilder("aria2c", "--enable-dht=true", "--enable-dht6=false",
            "--dht-listen-port=" + aria2DhtPort, "--dht-entry-point=127.0.0.1:" + entry.localAddress().getPort(),
            "--dht-file-path=" + dir.resolve("dht.dat"), "--listen-port=" + aria2Port, "--bt-enable-lpd=false",
            "--enable-peer-exchange=false", "--dir=" + dir, "--summary-interval=0", "--console-log-level=warn",
            "magnet:?xt=urn:btih:" + HexFormat.of().formatHex(infoHash))
            .redirectErrorStream(true).redirectOutput(dir.resolve("aria2.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
          // aria2 got our port from the DHT: it connects and says which torrent it wants. It tries
          // an encrypted (MSE) handshake first and falls back to the plain one when refused.
          byte[] handshake = new byte[68];
          for (int attempt = 0; handshake[0] != 19; attempt++) {
            assertTrue(attempt < 5, "no plain BitTorrent handshake from aria2 in 5 connections");
            try (Socket s = swarmPort.accept()) {
              s.setSoTimeout(10_000);
              DataInputStream in = new DataInputStream(s.getInputStream());
              handshake[0] = in.readByte();
              if (handshake[0] == 19) {
                in.readFully(handshake, 1, 67);
              }
            }
          }
          assertEquals("BitTorrent protocol", new String(handshake, 1, 19, StandardCharsets.US_ASCII));
          assertArrayEquals(infoHash, Arrays.copyOfRange(handshake, 28, 48));
          // And aria2 announced itself: our repeated get_peers finds its listening port.
          await().atMost(Duration.ofSeconds(60)).until(() -> found.contains(new InetSocketAddress("127.0.0.1", aria2Port)));
        } finally {
          aria2.destroy();
          aria2.waitFor();
        }
      }
    }
  }
}
