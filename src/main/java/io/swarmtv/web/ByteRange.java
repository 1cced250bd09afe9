package io.swarmtv.web;

/**
 * One byte range of an HTTP Range header (RFC 9110 14.1.2), resolved against a length.
 *
 * @param first offset of the first byte
 * @param last offset of the last byte, inclusive
 */
public record ByteRange(long first, long last) {

  /** Bytes in the range. */
  public long length() {
    return last - first + 1;
  }

  /**
   * The range a header asks for in a body of {@code length} bytes: null when the header is absent
   * or not a single {@code bytes} range this server serves (the whole body is sent then).
   *
   * @throws IllegalArgumentException when the range lies wholly outside the body (416)
   */
  public static ByteRange parse(String header, long length) {
    if (header == null || header.length() > 100 || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String a = spec.substring(0, dash).strip();
    String b = spec.substring(dash + 1).strip();
    if (!digits(a) && !a.isEmpty() || !digits(b) && !b.isEmpty() || a.isEmpty() && b.isEmpty()) {
      return null;
    }
    if (a.isEmpty()) {
      long suffix = Long.parseLong(b);
      if (suffix == 0 || length == 0) {
        throw new IllegalArgumentException("empty suffix range");
      }
      return new ByteRange(Math.max(0, length - suffix), length - 1);
    }
    long first = Long.parseLong(a);
    long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
    if (!b.isEmpty() && Long.parseLong(b) < first) {
      return null; // invalid syntax: ignored, whole body
    }
    if (first >= length) {
      throw new IllegalArgumentException("range starts at " + first + ", past the " + length + " bytes");
    }
    return new ByteRange(first, last);
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
