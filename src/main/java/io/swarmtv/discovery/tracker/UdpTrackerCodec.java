package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The UDP tracker protocol (BEP 15): connect, announce and scrape requests, and the replies to
 * them, checked against the action and transaction id they must carry.
 */
public final class UdpTrackerCodec {
  /** The magic connection id of a connect request. */
  static final long PROTOCOL_ID = 0x41727101980L;
  static final int CONNECT = 0;
  static final int ANNOUNCE = 1;
  static final int SCRAPE = 2;
  static final int ERROR = 3;
  /** The largest reply we read: a header and 200 IPv6 peers fit with room; a bigger datagram is cut off. */
  public static final int MAX_REPLY = 4096;

  private UdpTrackerCodec() {}

  /** A connect request (16 bytes). */
  public static byte[] connect(int transactionId) {
    return ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transactionId).array();
  }

  /** An announce request (98 bytes); the tracker takes our address from the datagram. */
  public static byte[] announce(long connectionId, int transactionId, AnnounceRequest r) {
    return ByteBuffer.allocate(98)
        .putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId)
        .put(r.infoHash().bytes()).put(r.peerId().bytes())
        .putLong(0).putLong(r.left()).putLong(0)
        .putInt(r.event().udpCode()).putInt(0).putInt(r.key()).putInt(r.numWant())
        .putShort((short) r.port())
        .array();
  }

  /** A scrape request for one swarm (36 bytes). */
  public static byte[] scrape(long connectionId, int transactionId, InfoHash infoHash) {
    return ByteBuffer.allocate(36).putLong(connectionId).putInt(SCRAPE).putInt(transactionId)
        .put(infoHash.bytes()).array();
  }

  /** The transaction id of a reply, or empty if it is too short to have one. */
  public static java.util.OptionalInt transactionId(byte[] reply) {
    return reply.length < 8 ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(ByteBuffer.wrap(reply, 4, 4).getInt());
  }

  /** The connection id in a connect reply. */
  public static long parseConnect(byte[] reply, int transactionId) {
    ByteBuffer b = header(reply, transactionId, CONNECT, 16);
    return b.getLong();
  }

  /**
   * An announce reply; peers are 6-byte IPv4 entries, or 18-byte IPv6 entries when the tracker was
   * reached over IPv6 (BEP 15's rule).
   */
  public static AnnounceReply parseAnnounce(byte[] reply, int transactionId, boolean ipv6) {
    if (reply.length == 8 && UdpTrackerCodec.transactionId(reply).orElse(~transactionId) == transactionId
        && ByteBuffer.wrap(reply).getInt() == ANNOUNCE) {
      // opentracker's answer for a swarm its whitelist does not hold: a bare header, no error text.
      throw new TrackerException("tracker refused: a bare announce header, no interval or peers"
          + " (a tracker answers so for a swarm it does not serve)");
    }
    ByteBuffer b = header(reply, transactionId, ANNOUNCE, 20);
    long interval = b.getInt() & 0xffffffffL;
    long leechers = b.getInt() & 0xffffffffL;
    long seeders = b.getInt() & 0xffffffffL;
    if (interval == 0) {
      throw new TrackerException("UDP tracker reply has interval 0");
    }
    List<InetSocketAddress> peers = CompactPeers.parse(reply, 20, reply.length - 20, ipv6 ? 16 : 4);
    return new AnnounceReply(interval, 0, peers, seeders, leechers, null);
  }

  /** A scrape reply for the one swarm asked about. */
  public static ScrapeReply parseScrape(byte[] reply, int transactionId) {
    ByteBuffer b = header(reply, transactionId, SCRAPE, 20);
    long seeders = b.getInt() & 0xffffffffL;
    long completed = b.getInt() & 0xffffffffL;
    long leechers = b.getInt() & 0xffffffffL;
    return new ScrapeReply(seeders, leechers, completed);
  }

  /** Checks action and transaction id; an error reply becomes a {@link TrackerException} with its text. */
  private static ByteBuffer header(byte[] reply, int transactionId, int action, int minLength) {
    if (reply.length < 8) {
      throw new TrackerException("UDP tracker reply of " + reply.length + " bytes is shorter than a header");
    }
    ByteBuffer b = ByteBuffer.wrap(reply);
    int got = b.getInt();
    int tx = b.getInt();
    if (tx != transactionId) {
      throw new TrackerException(String.format("UDP tracker reply has transaction id %08x, not ours (%08x)",
          tx, transactionId));
    }
    if (got == ERROR) {
      int end = 8;
      while (end < reply.length && end < 208 && reply[end] != 0) {
        end++; // some trackers end the text with a NUL, as C strings do
      }
      String text = new String(reply, 8, end - 8, StandardCharsets.UTF_8).strip();
      throw new TrackerException("tracker refused: \"" + text + "\"");
    }
    if (got != action) {
      throw new TrackerException("UDP tracker replied with action " + got + " to a request with action " + action);
    }
    if (reply.length < minLength) {
      throw new TrackerException("UDP tracker reply of " + reply.length + " bytes is shorter than "
          + minLength);
    }
    return b;
  }
}
