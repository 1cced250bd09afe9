package io.swarmtv.ingest;

import io.swarmtv.testing.TestFeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpFeedTest {
  @TempDir static Path media;
  static Path sample;
  /** What ffmpeg sends for the sample: the same remux, written to a file. */
  static byte[] sent;

  private final MicrosClock clock = MicrosClock.system();
  private final ChunkCollector chunks = new ChunkCollector();

  @BeforeAll
  static void makeMedia() {
    sample = TestFeeds.H264_3S.path();
    sent = SampleMedia.bytes(SampleMedia.remuxed(sample, media));
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Ingest start(String input) throws IOException {
    Feed feed = Feed.open(FeedAddress.parse(input), FeedSettings.DEFAULT, clock, Sleeper.system());
    return Ingest.start(feed, ChunkerSettings.DEFAULT, clock, chunks);
  }

  /** The bytes chunked once they stop growing (or all {@code expected} of them are there). */
  private byte[] settled(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      byte[] got = chunks.concatenated();
      if (got.length == expected) {
        return got;
      }
      if (got.length != last) {
        last = got.length;
        stableSince = System.nanoTime();
      } else if (got.length > 0 && System.nanoTime() - stableSince > Duration.ofMillis(500).toNanos()) {
        return got;
      }
      Thread.sleep(20);
    }
    return chunks.concatenated();
  }

  /** Loopback rarely drops, and then only while the socket buffer fills at the start. */
  private static void assertTailOfSent(byte[] got) {
    assertEquals(0, got.length % TsPacket.SIZE);
    assertTrue(got.length >= sent.length * 9 / 10, "got " + got.length + " of " + sent.length + " bytes");
    assertArrayEquals(Arrays.copyOfRange(sent, sent.length - got.length, sent.length), got,
        "what arrived is what was sent, in order");
  }

  @Test
  void ffmpegUnicastArrivesInOrder() throws Exception {
    int port = freeUdpPort();
    try (Ingest ingest = start("udp://@127.0.0.1:" + port)) {
      SampleMedia.ffmpeg("-re", "-i", sample.toString(), "-c", "copy", "-f", "mpegts",
          "udp://127.0.0.1:" + port + "?pkt_size=1316");
      byte[] got = settled(sent.length);
      assertTailOfSent(got);
      IngestCounters c = ingest.counters();
      assertEquals(got.length / TsPacket.SIZE, c.packets());
      assertEquals(0, c.datagramsDropped());
      assertEquals(0, c.skippedBytes());
      assertTrue(c.chunks() > 10, "cut into chunks: " + c.chunks());
      assertTrue(ingest.isRunning(), "a live UDP feed waits for more");
      assertTrue(ingest.failure().isEmpty());
    }
  }

  @Test
  void datagramsThatSplitPacketsAreRealigned() throws Exception {
    int port = freeUdpPort();
    try (Ingest ingest = start("udp://@:" + port)) {
      // without pkt_size ffmpeg sends what it has flushed, up to 1472 bytes, cutting packets anywhere
      SampleMedia.ffmpeg("-re", "-i", sample.toString(), "-c", "copy", "-f", "mpegts", "udp://127.0.0.1:" + port);
      byte[] got = settled(sent.length);
      assertTailOfSent(got);
      UdpFeed feed = (UdpFeed) ingest.feed();
      assertTrue(feed.partialDatagrams() > 10, feed.partialDatagrams() + " of " + feed.datagrams() + " datagrams split packets");
    }
  }

  @Test
  void multicastOnLoopbackOnly() throws Exception {
    int port = freeUdpPort();
    String group = "239.255.0.1";
    Ingest ingest;
    try {
      ingest = start("udp://@" + group + ":" + port + "?interface=lo");
    } catch (FeedException e) {
      Assumptions.abort("this kernel will not join a multicast group on lo: " + e.getMessage());
      return;
    }
    try (ingest) {
      // localaddr=127.0.0.1 sends on lo; ttl=0 keeps the datagrams on this host whatever the routes say.
      SampleMedia.ffmpeg("-re", "-i", sample.toString(), "-c", "copy", "-f", "mpegts",
          "udp://" + group + ":" + port + "?pkt_size=1316&localaddr=127.0.0.1&ttl=0");
      byte[] got = settled(sent.length);
      assertTailOfSent(got);
    }
  }

  @Test
  void rtpIsUnwrappedOversizedDatagramsDroppedAndJunkSkipped() throws Exception {
    int port = freeUdpPort();
    int d = 7 * TsPacket.SIZE;
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (Ingest ingest = start("udp://@127.0.0.1:" + port);
        DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      int p = 0;
      send(sender, to, Arrays.copyOfRange(sent, p, p + d));
      expected.write(sent, p, d);
      p += d;
      send(sender, to, new byte[100]);
      int big = 106 * TsPacket.SIZE; // whole packets, but more than a TS sender puts in a datagram
      send(sender, to, Arrays.copyOfRange(sent, p, p + big));
      p += big;
      byte[] rtp = new byte[12 + d];
      rtp[0] = (byte) 0x80;
      rtp[1] = 33;
      System.arraycopy(sent, p, rtp, 12, d);
      send(sender, to, rtp);
      expected.write(sent, p, d);
      p += d;
      send(sender, to, Arrays.copyOfRange(sent, p, p + d));
      expected.write(sent, p, d);

      assertArrayEquals(expected.toByteArray(), settled(expected.size()));
      IngestCounters c = ingest.counters();
      assertEquals(1, c.datagramsDropped());
      assertEquals(100, c.skippedBytes());
      assertEquals(5, ((UdpFeed) ingest.feed()).datagrams());
    }
  }

  private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, to));
  }

  @Test
  void silenceIsWaitedForAndClosingReleasesThePort() throws Exception {
    int port = freeUdpPort();
    Ingest ingest = start("udp://@127.0.0.1:" + port);
    assertFalse(ingest.awaitEnd(Duration.ofMillis(300)), "nothing sent: the feed waits");
    long before = System.nanoTime();
    ingest.close();
    assertTrue(System.nanoTime() - before < Ingest.CLOSE_TIMEOUT.toNanos());
    assertFalse(ingest.isRunning());
    assertTrue(ingest.failure().isEmpty(), "closing is not a failure");
    try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void aPortInUseIsReported() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      FeedException e = assertThrows(FeedException.class,
          () -> Feed.open(FeedAddress.parse("udp://@127.0.0.1:" + port), FeedSettings.DEFAULT, clock, Sleeper.system()));
      assertEquals("cannot listen on udp://@127.0.0.1:" + port + ": port " + port + " is already in use", e.getMessage());
    }
  }

  @Test
  void anUnknownInterfaceIsReported() {
    FeedException e = assertThrows(FeedException.class, () -> Feed.open(
        FeedAddress.parse("udp://@239.255.0.1:5000?interface=nosuch0"), FeedSettings.DEFAULT, clock, Sleeper.system()));
    assertEquals("no network interface named 'nosuch0' for udp://@239.255.0.1:5000?interface=nosuch0", e.getMessage());
  }
}
