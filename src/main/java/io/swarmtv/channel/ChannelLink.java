package io.swarmtv.channel;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user shares to invite others to a channel, like a magnet link:
 * {@code swarmtv:<channel id>?name=<name>&tr=<tracker>&tr=<tracker>}.
 *
 * <p>Query values are percent-encoded UTF-8; {@code +} also stands for a space, as in magnet
 * links. {@link #toString()} writes the canonical form that {@link #parse} reads back to an equal
 * link.
 *
 * @param id the channel
 * @param name what to call the channel until its signed metadata arrives, or null
 * @param trackers BitTorrent trackers (http, https or udp) that know the channel's swarm
 */
public record ChannelLink(ChannelId id, String name, List<URI> trackers) {
  /** The scheme, with its colon. */
  public static final String PREFIX = "swarmtv:";
  /** Longest link accepted or produced, in characters. */
  public static final int MAX_LENGTH = 2048;
  /** Longest name, in Unicode code points. */
  public static final int MAX_NAME_LENGTH = 100;

  private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * @throws InvalidLinkException if the name or a tracker is not acceptable, or the link would be
   *     longer than {@link #MAX_LENGTH}
   */
  public ChannelLink {
    if (id == null) {
      throw new InvalidLinkException("channel link has no channel id");
    }
    if (name != null) {
      checkName(name);
    }
    trackers = List.copyOf(trackers);
    Set<URI> seen = new HashSet<>();
    for (URI tracker : trackers) {
      checkTracker(tracker);
      if (!seen.add(tracker)) {
        throw new InvalidLinkException("duplicate tracker " + tracker);
      }
    }
    int length = format(id, name, trackers).length();
    if (length > MAX_LENGTH) {
      throw new InvalidLinkException(
          "link would be " + length + " characters, longer than " + MAX_LENGTH);
    }
  }

  /** A link with no name and no trackers. */
  public static ChannelLink of(ChannelId id) {
    return new ChannelLink(id, null, List.of());
  }

  /**
   * Reads a link. Surrounding whitespace is ignored; the scheme and the channel id may be upper
   * case.
   *
   * @throws InvalidLinkException saying which part is wrong
   */
  public static ChannelLink parse(String link) {
    String s = link.strip();
    if (s.length() > MAX_LENGTH) {
      throw new InvalidLinkException(
          "link is " + s.length() + " characters, longer than " + MAX_LENGTH);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidLinkException(
            "control character " + Base32.describe(c) + " at index " + i + " of link");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new InvalidLinkException(
            "unpaired surrogate " + Base32.describe(c) + " at index " + i + " of link");
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new InvalidLinkException(
            "whitespace " + Base32.describe(c) + " at index " + i
                + " of link (a space in a value is written %20)");
      }
    }
    if (!s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new InvalidLinkException("missing scheme: a channel link starts with '" + PREFIX + "'");
    }
    int query = s.indexOf('?', PREFIX.length());
    int idEnd = query < 0 ? s.length() : query;
    ChannelId id;
    try {
      id = ChannelId.parse(s, PREFIX.length(), idEnd);
    } catch (IllegalArgumentException e) {
      throw new InvalidLinkException("bad channel id: " + e.getMessage(), e);
    }
    if (query < 0) {
      return new ChannelLink(id, null, List.of());
    }
    if (query == s.length() - 1) {
      throw new InvalidLinkException("empty query after '?' at index " + query);
    }
    String name = null;
    List<URI> trackers = new ArrayList<>();
    int start = query + 1;
    while (start <= s.length()) {
      int amp = s.indexOf('&', start);
      int end = amp < 0 ? s.length() : amp;
      if (end == start) {
        throw new InvalidLinkException("empty parameter at index " + start);
      }
      int eq = s.indexOf('=', start);
      if (eq < 0 || eq > end) {
        throw new InvalidLinkException(
            "parameter '" + s.substring(start, end) + "' at index " + start
                + " has no '=' and value");
      }
      String key = s.substring(start, eq);
      switch (key) {
        case "name":
          if (name != null) {
            throw new InvalidLinkException("duplicate parameter 'name' at index " + start);
          }
          name = decode(s, eq + 1, end, "name");
          if (name.isEmpty()) {
            throw new InvalidLinkException("empty name at index " + start);
          }
          break;
        case "tr":
          String text = decode(s, eq + 1, end, "tr");
          if (text.isEmpty()) {
            throw new InvalidLinkException("empty tracker at index " + start);
          }
          URI tracker;
          try {
            tracker = new URI(text);
          } catch (URISyntaxException e) {
            throw new InvalidLinkException(
                "tracker at index " + start + " is not a URI: " + e.getMessage(), e);
          }
          trackers.add(tracker);
          break;
        default:
          throw new InvalidLinkException(
              "unknown parameter '" + key + "' at index " + start + " (known: name, tr)");
      }
      start = end + 1;
    }
    return new ChannelLink(id, name, trackers);
  }

  /** The canonical form: lower-case id, then name, then trackers in order. */
  @Override
  public String toString() {
    return format(id, name, trackers);
  }

  private static String format(ChannelId id, String name, List<URI> trackers) {
    StringBuilder out = new StringBuilder(PREFIX).append(id);
    char separator = '?';
    if (name != null) {
      out.append(separator).append("name=");
      encode(name, out);
      separator = '&';
    }
    for (URI tracker : trackers) {
      out.append(separator).append("tr=");
      encode(tracker.toString(), out);
      separator = '&';
    }
    return out.toString();
  }

  private static void checkName(String name) {
    if (name.isEmpty()) {
      throw new InvalidLinkException("empty name");
    }
    int codePoints = name.codePointCount(0, name.length());
    if (codePoints > MAX_NAME_LENGTH) {
      throw new InvalidLinkException(
          "name is " + codePoints + " characters, longer than " + MAX_NAME_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidLinkException(
            "name has control character " + Base32.describe(c) + " at index " + i);
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == name.length()
            || !Character.isLowSurrogate(name.charAt(i + 1))) {
          throw new InvalidLinkException("name has an unpaired surrogate at index " + i);
        }
        i++;
      }
    }
  }

  private static void checkTracker(URI tracker) {
    String scheme = tracker.getScheme();
    if (scheme == null || !TRACKER_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      throw new InvalidLinkException(
          "tracker " + tracker + " is not an http, https or udp URL");
    }
    if (tracker.getHost() == null) {
      throw new InvalidLinkException("tracker " + tracker + " has no host");
    }
  }

  private static void encode(String value, StringBuilder out) {
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      // RFC 3986 unreserved characters, plus ':' '/' '@' which keep tracker URLs readable and
      // mean nothing inside a query value.
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
  }

  private static String decode(String s, int from, int to, String parameter) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < to ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < to ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new InvalidLinkException(
              "bad percent-encoding '" + s.substring(i, Math.min(i + 3, to)) + "' at index " + i
                  + " in " + parameter + " (expected % and two hex digits)");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c == '#') {
        throw new InvalidLinkException(
            "'#' at index " + i + " in " + parameter + " (a link has no fragment; write %23)");
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // Raw non-ASCII, as pasted from a browser's address bar: take it as UTF-8.
        int end = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
        bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidLinkException(
          "bad percent-encoding in " + parameter + " at index " + from + ": not valid UTF-8");
    }
  }
}
