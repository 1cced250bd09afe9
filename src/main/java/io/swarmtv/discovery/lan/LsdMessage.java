package io.swarmtv.discovery.lan;

import io.swarmtv.discovery.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A BEP 14 announcement: "I serve these swarms on this TCP port". The {@code cookie} tells a node
 * its own announcements apart when they loop back to it.
 *
 * <pre>
 * BT-SEARCH * HTTP/1.1\r\n
 * Host: 239.192.152.143:6771\r\n
 * Port: 6881\r\n
 * Infohash: 40 hex digits\r\n      (one or more)
 * cookie: opaque\r\n               (optional)
 * \r\n
 * </pre>
 */
public record LsdMessage(int port, List<InfoHash> infoHashes, String cookie) {
  /** Announcements longer than this are refused; BEP 14 keeps them within one unfragmented datagram. */
  public static final int MAX_BYTES = 1400;
  /** Swarms per announcement at most, which keeps one within {@link #MAX_BYTES}. */
  public static final int MAX_INFO_HASHES = 16;
  private static final int MAX_COOKIE = 64;
  private static final String START = "BT-SEARCH * HTTP/1.1";

  public LsdMessage {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not 1..65535");
    }
    infoHashes = List.copyOf(infoHashes);
    if (infoHashes.isEmpty() || infoHashes.size() > MAX_INFO_HASHES) {
      throw new IllegalArgumentException(infoHashes.size() + " info-hashes; an announcement has 1.." + MAX_INFO_HASHES);
    }
    if (cookie != null && (cookie.isEmpty() || cookie.length() > MAX_COOKIE || !cookie.matches("[\\x21-\\x7e]+"))) {
      throw new IllegalArgumentException("cookie must be 1.." + MAX_COOKIE + " printable ASCII characters");
    }
  }

  /** The announcement as sent to {@code host} (the group, written {@code address:port}). */
  public byte[] encode(String host) {
    StringBuilder s = new StringBuilder(START).append("\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Port: ").append(port).append("\r\n");
    for (InfoHash h : infoHashes) {
      s.append("Infohash: ").append(h.hex()).append("\r\n");
    }
    if (cookie != null) {
      s.append("cookie: ").append(cookie).append("\r\n");
    }
    s.append("\r\n\r\n");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads an announcement. Header names are case-insensitive and unknown headers are ignored, as in
   * HTTP.
   *
   * @throws IllegalArgumentException naming what is wrong: not a BT-SEARCH, too long, no or a bad
   *     Port, no or a bad Infohash, a bad cookie
   */
  public static LsdMessage parse(byte[] datagram, int length) {
    if (length > MAX_BYTES) {
      throw new IllegalArgumentException("announcement of " + length + " bytes is longer than " + MAX_BYTES);
    }
    String text = new String(datagram, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n", -1);
    if (!lines[0].equals(START)) {
      throw new IllegalArgumentException("not a BT-SEARCH announcement (starts '"
          + printable(lines[0].substring(0, Math.min(lines[0].length(), 40))) + "')");
    }
    Integer port = null;
    String cookie = null;
    List<InfoHash> hashes = new ArrayList<>();
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header line " + i + " has no name: '" + printable(line) + "'");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "port" -> {
          if (port != null) {
            throw new IllegalArgumentException("two Port headers");
          }
          if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException("Port '" + printable(value) + "' is not 1..65535");
          }
          port = Integer.parseInt(value);
        }
        case "infohash" -> {
          if (hashes.size() == MAX_INFO_HASHES) {
            throw new IllegalArgumentException("more than " + MAX_INFO_HASHES + " Infohash headers");
          }
          if (!value.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("Infohash '" + printable(value) + "' is not 40 hex digits");
          }
          hashes.add(InfoHash.parseHex(value));
        }
        case "cookie" -> cookie = value;
        default -> { } // Host and whatever else a client adds
      }
    }
    if (port == null) {
      throw new IllegalArgumentException("announcement has no Port header");
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("announcement has no Infohash header");
    }
    return new LsdMessage(port, hashes, cookie);
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
