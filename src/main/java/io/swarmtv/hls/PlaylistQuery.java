package io.swarmtv.hls;

/**
 * The LL-HLS delivery directives of a media playlist request.
 *
 * @param msn {@code _HLS_msn}: answer once segment {@code msn} is complete; -1 for no blocking
 * @param part {@code _HLS_part}: ... or once part {@code part} of it exists; -1 for none
 * @param skip {@code _HLS_skip=YES} or {@code v2}: a delta update
 */
public record PlaylistQuery(long msn, long part, boolean skip) {
  /** Longest query string read. */
  public static final int MAX_LENGTH = 1024;

  public static final PlaylistQuery NONE = new PlaylistQuery(-1, -1, false);

  /**
   * Reads a raw query string (null or empty: no directives). Parameters other than the three are
   * ignored, as players add their own.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PlaylistQuery parse(String query) {
    if (query == null || query.isEmpty()) {
      return NONE;
    }
    if (query.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("query longer than " + MAX_LENGTH + " characters");
    }
    long msn = -1;
    long part = -1;
    boolean skip = false;
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? null : pair.substring(eq + 1);
      switch (key) {
        case "_HLS_msn" -> msn = number(key, value);
        case "_HLS_part" -> part = number(key, value);
        case "_HLS_skip" -> {
          if (!"YES".equals(value) && !"v2".equals(value)) {
            throw new IllegalArgumentException("_HLS_skip must be YES or v2, was " + shown(value));
          }
          skip = true;
        }
        default -> { }
      }
    }
    if (part >= 0 && msn < 0) {
      throw new IllegalArgumentException("_HLS_part needs _HLS_msn");
    }
    return new PlaylistQuery(msn, part, skip);
  }

  private static long number(String key, String value) {
    if (value == null || value.isEmpty() || value.length() > 15 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(key + " must be a decimal number, was " + shown(value));
    }
    return Long.parseLong(value);
  }

  private static String shown(String value) {
    if (value == null) {
      return "missing";
    }
    String v = value.length() > 20 ? value.substring(0, 20) + "..." : value;
    return "\"" + v.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }

  /** Whether the request blocks until the playlist reaches {@link #msn}/{@link #part}. */
  public boolean blocking() {
    return msn >= 0;
  }

  /**
   * Whether {@code w} already holds what the request waits for: segment {@code msn} complete, or
   * part {@code part} of it (or anything later).
   */
  public boolean satisfiedBy(LiveWindow w) {
    if (!blocking()) {
      return w.playable();
    }
    if (!w.playable()) {
      return false;
    }
    if (w.lastMsn() >= msn) {
      return true;
    }
    return part >= 0 && w.nextMsn() == msn && w.openParts() > part;
  }

  /**
   * Whether the request asks too far ahead of {@code w} to be worth waiting for (RFC 8216bis
   * 6.2.5.2: more than two segments, or three parts, past the playlist's end).
   */
  public boolean tooFarAhead(LiveWindow w) {
    if (!blocking() || !w.playable()) {
      return false;
    }
    if (msn > w.lastMsn() + 2) {
      return true;
    }
    if (part < 0) {
      return false;
    }
    long partsAhead = msn == w.nextMsn() ? part - (w.openParts() - 1) : msn > w.nextMsn() ? part + 1 : 0;
    return partsAhead > 3;
  }
}
