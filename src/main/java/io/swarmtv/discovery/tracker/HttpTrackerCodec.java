package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.bencode.BBytes;
import io.swarmtv.discovery.bencode.BDictionary;
import io.swarmtv.discovery.bencode.BList;
import io.swarmtv.discovery.bencode.BValue;
import io.swarmtv.discovery.bencode.BencodeDecoder;
import io.swarmtv.discovery.bencode.BencodeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP tracker announce and scrape (BEP 3, 7, 23, 48): the request URLs and the bencoded replies. */
public final class HttpTrackerCodec {
  /** Peers one reply may list at most; more is a hostile or broken tracker. */
  static final int MAX_PEERS = 10_000;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private HttpTrackerCodec() {}

  /** The announce URL: the tracker's URL with our query appended (binary values percent-encoded). */
  public static URI announceUri(URI tracker, AnnounceRequest r) {
    StringBuilder q = new StringBuilder();
    q.append("info_hash=").append(percent(r.infoHash().bytes()))
        .append("&peer_id=").append(percent(r.peerId().bytes()))
        .append("&port=").append(r.port())
        .append("&uploaded=0&downloaded=0&left=").append(r.left())
        .append("&compact=1&numwant=").append(r.numWant())
        .append("&key=").append(Integer.toHexString(r.key()));
    if (!r.event().httpName().isEmpty()) {
      q.append("&event=").append(r.event().httpName());
    }
    return withQuery(tracker, q.toString());
  }

  /**
   * The scrape URL by the BEP 48 convention: the announce URL's last path segment {@code announce}
   * becomes {@code scrape}; a tracker whose URL does not end so cannot be scraped.
   */
  public static URI scrapeUri(URI tracker, InfoHash infoHash) {
    String s = tracker.toString();
    int q = s.indexOf('?');
    String path = q < 0 ? s : s.substring(0, q);
    int slash = path.lastIndexOf('/');
    if (slash < 0 || !path.startsWith("announce", slash + 1)) {
      throw new TrackerException("tracker " + tracker + " cannot be scraped: its path does not end in /announce");
    }
    String scrape = path.substring(0, slash + 1) + "scrape" + path.substring(slash + 1 + "announce".length())
        + (q < 0 ? "" : s.substring(q));
    return withQuery(URI.create(scrape), "info_hash=" + percent(infoHash.bytes()));
  }

  private static URI withQuery(URI base, String query) {
    String s = base.toString();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    return URI.create(s + (s.indexOf('?') < 0 ? "?" : s.endsWith("?") || s.endsWith("&") ? "" : "&") + query);
  }

  /** Bytes in a URL query: unreserved characters as they are, everything else as %XX. */
  static String percent(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return out.toString();
  }

  /**
   * Reads an announce reply.
   *
   * @throws TrackerException for a {@code failure reason} (quoted), malformed bencoding or a
   *     reply without the keys BEP 3 requires
   */
  public static AnnounceReply parseAnnounce(byte[] body) {
    BDictionary d = dictionary(body);
    refusal(d);
    try {
      long interval = d.integer("interval");
      if (interval <= 0) {
        throw new TrackerException("tracker reply has interval " + interval + ", not a positive number of seconds");
      }
      long minInterval = d.has("min interval") ? d.integer("min interval") : 0;
      List<InetSocketAddress> peers = new ArrayList<>();
      if (d.has("peers")) {
        BValue p = d.get("peers");
        if (p instanceof BBytes b) {
          byte[] raw = b.value();
          peers.addAll(CompactPeers.parse(raw, 0, raw.length, 4));
        } else if (p instanceof BList list) {
          peers.addAll(dictionaryPeers(list));
        } else {
          throw new TrackerException("tracker reply's peers is a " + p.kind() + ", not a byte string or a list");
        }
      }
      if (d.has("peers6")) {
        byte[] raw = d.bytes("peers6");
        peers.addAll(CompactPeers.parse(raw, 0, raw.length, 16));
      }
      if (peers.size() > MAX_PEERS) {
        throw new TrackerException("tracker reply lists " + peers.size() + " peers, more than " + MAX_PEERS);
      }
      long seeders = d.has("complete") ? d.integer("complete") : -1;
      long leechers = d.has("incomplete") ? d.integer("incomplete") : -1;
      String warning = d.has("warning message") ? d.text("warning message") : null;
      return new AnnounceReply(interval, Math.max(0, minInterval), peers, seeders, leechers, warning);
    } catch (BencodeException e) {
      throw new TrackerException("tracker reply is not a valid announce reply: " + e.getMessage(), e);
    }
  }

  /** Reads a scrape reply's entry for {@code infoHash}; a tracker that does not know it counts zero. */
  public static ScrapeReply parseScrape(byte[] body, InfoHash infoHash) {
    BDictionary d = dictionary(body);
    refusal(d);
    try {
      BDictionary files = d.dictionary("files");
      BValue entry = files.get(new String(infoHash.bytes(), StandardCharsets.ISO_8859_1));
      if (entry == null && files.entries().size() == 1) {
        // We asked about one swarm, so a lone entry is its answer even under a mangled key: npm's
        // bittorrent-tracker writes the key's bytes 0x80..0xff as UTF-8.
        entry = files.entries().values().iterator().next();
      }
      if (entry == null) {
        return new ScrapeReply(0, 0, 0);
      }
      if (!(entry instanceof BDictionary e)) {
        throw new TrackerException("tracker scrape entry is a " + entry.kind() + ", not a dictionary");
      }
      return new ScrapeReply(e.integer("complete"), e.integer("incomplete"),
          e.has("downloaded") ? e.integer("downloaded") : 0);
    } catch (BencodeException e) {
      throw new TrackerException("tracker reply is not a valid scrape reply: " + e.getMessage(), e);
    }
  }

  private static BDictionary dictionary(byte[] body) {
    try {
      return BencodeDecoder.decodeDictionary(body, 0, body.length);
    } catch (BencodeException e) {
      throw new TrackerException("tracker reply is not bencoded: " + e.getMessage(), e);
    }
  }

  private static void refusal(BDictionary d) {
    if (d.has("failure reason")) {
      BValue reason = d.get("failure reason");
      throw new TrackerException("tracker refused: \""
          + (reason instanceof BBytes b ? b.text() : reason.toString()) + "\"");
    }
  }

  /** The original BEP 3 form: a list of {ip, port} dictionaries, ip as text. */
  private static List<InetSocketAddress> dictionaryPeers(BList list) {
    List<InetSocketAddress> peers = new ArrayList<>();
    for (BValue v : list.values()) {
      if (!(v instanceof BDictionary p)) {
        throw new TrackerException("tracker reply's peer list holds a " + v.kind() + ", not a dictionary");
      }
      String ip = p.text("ip");
      long port = p.integer("port");
      if (port < 1 || port > 65535) {
        throw new TrackerException("tracker reply lists port " + port);
      }
      peers.add(new InetSocketAddress(literal(ip), (int) port));
    }
    return peers;
  }

  /** An IP address literal; host names are refused, since resolving them here would block. */
  private static InetAddress literal(String ip) {
    boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = ip.indexOf(':') >= 0 && ip.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new TrackerException("tracker reply lists peer '" + ip + "', not an IP address");
    }
    try {
      return InetAddress.getByName(ip); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new TrackerException("tracker reply lists peer '" + ip + "', not an IP address", e);
    }
  }
}
