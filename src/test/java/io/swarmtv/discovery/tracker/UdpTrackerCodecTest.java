package io.swarmtv.discovery.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpTrackerCodecTest {
  private static final AnnounceRequest REQUEST = HttpTrackerCodecTest.REQUEST;

  @Test
  void connectIsTheMagicActionZeroAndTheTransaction() {
    ByteBuffer b = ByteBuffer.wrap(UdpTrackerCodec.connect(0x01020304));
    assertEquals(16, b.remaining());
    assertEquals(0x41727101980L, b.getLong());
    assertEquals(0, b.getInt());
    assertEquals(0x01020304, b.getInt());
  }

  @Test
  void announceLaysOutBep15Fields() {
    ByteBuffer b = ByteBuffer.wrap(UdpTrackerCodec.announce(77, 5, REQUEST));
    assertEquals(98, b.remaining());
    assertEquals(77, b.getLong());
    assertEquals(1, b.getInt());
    assertEquals(5, b.getInt());
    byte[] hash = new byte[20];
    b.get(hash);
    assertArrayEquals(REQUEST.infoHash().bytes(), hash);
    byte[] id = new byte[20];
    b.get(id);
    assertArrayEquals(REQUEST.peerId().bytes(), id);
    assertEquals(0, b.getLong());
    assertEquals(1, b.getLong()); // left
    assertEquals(0, b.getLong());
    assertEquals(2, b.getInt()); // started
    assertEquals(0, b.getInt());
    assertEquals(0x1234abcd, b.getInt());
    assertEquals(50, b.getInt());
    assertEquals(6881, b.getShort() & 0xffff);
  }

  @Test
  void readsAnAnnounceReplyWithIpv4OrIpv6Peers() {
    byte[] v4 = ByteBuffer.allocate(26).putInt(1).putInt(9).putInt(120).putInt(3).putInt(1)
        .put(new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1}).array();
    AnnounceReply r = UdpTrackerCodec.parseAnnounce(v4, 9, false);
    assertEquals(120, r.intervalSeconds());
    assertEquals(3, r.leechers());
    assertEquals(1, r.seeders());
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 6881)), r.peers());
    byte[] v6 = ByteBuffer.allocate(38).putInt(1).putInt(9).putInt(120).putInt(0).putInt(0)
        .put(new byte[15]).put((byte) 1).putShort((short) 6881).array();
    assertEquals(List.of(new InetSocketAddress("::1", 6881)), UdpTrackerCodec.parseAnnounce(v6, 9, true).peers());
  }

  @Test
  void anErrorReplyBecomesTheTrackersMessage() {
    byte[] error = ByteBuffer.allocate(8 + 13).putInt(3).putInt(4).put("unregistered\0".getBytes(StandardCharsets.US_ASCII))
        .array();
    TrackerException e = assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnect(error, 4));
    assertEquals("tracker refused: \"unregistered\"", e.getMessage());
  }

  @Test
  void wrongTransactionActionOrLengthIsRefused() {
    byte[] connect = ByteBuffer.allocate(16).putInt(0).putInt(8).putLong(99).array();
    assertEquals(99, UdpTrackerCodec.parseConnect(connect, 8));
    assertEquals("UDP tracker reply has transaction id 00000008, not ours (00000009)",
        assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnect(connect, 9)).getMessage());
    assertEquals("UDP tracker replied with action 0 to a request with action 1",
        assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseAnnounce(connect, 8, false)).getMessage());
    assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseConnect(new byte[12], 0));
    byte[] ragged = ByteBuffer.allocate(23).putInt(1).putInt(8).putInt(60).putInt(0).putInt(0).array();
    assertThrows(TrackerException.class, () -> UdpTrackerCodec.parseAnnounce(ragged, 8, false));
    assertEquals(ScrapeReply.class, UdpTrackerCodec.parseScrape(
        ByteBuffer.allocate(20).putInt(2).putInt(8).putInt(1).putInt(2).putInt(3).array(), 8).getClass());
  }
}
