package io.swarmtv.discovery.bencode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads one bencoded value strictly and within bounds: the input must be exactly one value, nested
 * at most {@link #MAX_DEPTH} deep with at most {@link #MAX_ITEMS} values in all, integers in
 * canonical form, dictionary keys unique. Every failure names the offset where the input went
 * wrong.
 *
 * <p>The caller bounds the input's size (a datagram, a capped HTTP body); within it, the limits
 * here keep a hostile message from costing more than a few times its own size in memory.
 */
public final class BencodeDecoder {
  /** Nesting deeper than this is refused; real KRPC and tracker replies nest three or four deep. */
  public static final int MAX_DEPTH = 32;
  /** Values per message at most, so a reply of tiny items cannot build a huge object graph. */
  public static final int MAX_ITEMS = 100_000;

  private final byte[] in;
  private final int start;
  private final int end;
  private int pos;
  private int items;

  private BencodeDecoder(byte[] in, int off, int len) {
    this.in = in;
    this.start = off;
    this.pos = off;
    this.end = off + len;
  }

  /** Decodes all of {@code in} as one value. */
  public static BValue decode(byte[] in) {
    return decode(in, 0, in.length);
  }

  /** Decodes {@code in[off, off+len)} as one value; trailing bytes are an error. */
  public static BValue decode(byte[] in, int off, int len) {
    if (off < 0 || len < 0 || off + len > in.length) {
      throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + in.length + " bytes");
    }
    BencodeDecoder d = new BencodeDecoder(in, off, len);
    BValue v = d.value(0);
    if (d.pos != d.end) {
      throw d.error("trailing bytes after the value (" + (d.end - d.pos) + ")");
    }
    return v;
  }

  /** Decodes {@code in} and requires a dictionary at the top, as trackers and KRPC send. */
  public static BDictionary decodeDictionary(byte[] in, int off, int len) {
    BValue v = decode(in, off, len);
    if (v instanceof BDictionary d) {
      return d;
    }
    throw new BencodeException("expected a dictionary at the top, found a " + v.kind());
  }

  private BValue value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " deep");
    }
    if (++items > MAX_ITEMS) {
      throw error("more than " + MAX_ITEMS + " values");
    }
    int c = peek();
    if (c == 'i') {
      pos++;
      long v = integer('e');
      return new BInteger(v);
    }
    if (c == 'l') {
      pos++;
      List<BValue> values = new ArrayList<>();
      while (peek() != 'e') {
        values.add(value(depth + 1));
      }
      pos++;
      return new BList(values);
    }
    if (c == 'd') {
      pos++;
      TreeMap<String, BValue> entries = new TreeMap<>();
      while (peek() != 'e') {
        if (peek() < '0' || peek() > '9') {
          throw error("dictionary key is not a byte string");
        }
        int keyAt = pos;
        int len = length();
        String key = BDictionary.key(in, pos, len);
        pos += len;
        if (entries.put(key, value(depth + 1)) != null) {
          pos = keyAt;
          throw error("duplicate dictionary key '" + key + "'");
        }
      }
      pos++;
      return new BDictionary(entries);
    }
    if (c >= '0' && c <= '9') {
      int len = length();
      byte[] b = new byte[len];
      System.arraycopy(in, pos, b, 0, len);
      pos += len;
      return new BBytes(b);
    }
    throw error("unexpected byte 0x" + Integer.toHexString(c) + " where a value should start");
  }

  /** A byte string's length prefix and its colon; the bytes must all be there. */
  private int length() {
    long len = integer(':');
    if (len < 0) {
      throw error("negative string length " + len);
    }
    if (len > end - pos) {
      throw error("string of " + len + " bytes runs past the end of the input");
    }
    return (int) len;
  }

  /** Canonical decimal up to {@code terminator}: no '+', no leading zeros, no "-0". */
  private long integer(char terminator) {
    int at = pos;
    boolean negative = peek() == '-';
    if (negative) {
      pos++;
    }
    int digits = pos;
    // Accumulated as a negative number, whose range reaches Long.MIN_VALUE.
    long v = 0;
    while (peek() != terminator) {
      int c = in[pos];
      if (c < '0' || c > '9') {
        throw error("expected a digit or '" + terminator + "', found 0x" + Integer.toHexString(c & 0xff));
      }
      int d = c - '0';
      if (v < (Long.MIN_VALUE + d) / 10 || (!negative && v * 10 - d == Long.MIN_VALUE)) {
        pos = at;
        throw error("integer does not fit in 64 bits");
      }
      v = v * 10 - d;
      pos++;
    }
    int n = pos - digits;
    if (n == 0 || (n > 1 && in[digits] == '0') || (negative && v == 0)) {
      pos = at;
      throw error("integer is not in canonical form");
    }
    pos++;
    return negative ? v : -v;
  }

  private int peek() {
    if (pos >= end) {
      throw error("input ends in the middle of a value");
    }
    return in[pos] & 0xff;
  }

  private BencodeException error(String what) {
    return new BencodeException("bencode at byte " + (pos - start) + ": " + what);
  }
}
