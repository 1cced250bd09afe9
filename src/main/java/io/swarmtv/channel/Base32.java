package io.swarmtv.channel;

/** Strict RFC 4648 base32 without padding: encodes lower case, decodes either case. */
public final class Base32 {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
      VALUES[Character.toUpperCase(ALPHABET[i])] = (byte) i;
    }
  }

  private Base32() {}

  /** Number of characters {@link #encode} produces for {@code byteCount} bytes. */
  public static int encodedLength(int byteCount) {
    return (int) ((byteCount * 8L + 4) / 5);
  }

  /** Lower-case base32 of {@code bytes}, without padding. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(encodedLength(bytes.length));
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(ALPHABET[(buffer >>> bits) & 31]);
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  /** Decodes the whole of {@code text}; see {@link #decode(CharSequence, int, int)}. */
  public static byte[] decode(CharSequence text) {
    return decode(text, 0, text.length());
  }

  /**
   * Decodes {@code text[from, to)}. Error messages give indexes into {@code text} itself, so a
   * caller decoding part of a larger string (a link) reports positions the user can find.
   *
   * @throws IllegalArgumentException if the length is not one an encoder can produce, a character
   *     is outside the alphabet, or the unused low bits of the last character are not zero
   */
  public static byte[] decode(CharSequence text, int from, int to) {
    int length = to - from;
    // Unpadded base32 of n bytes leaves 0, 2, 4, 5 or 7 characters in the last group of 8.
    int rest = length % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
      throw new IllegalArgumentException(
          "base32 text of " + length + " characters cannot be complete (" + rest
              + " characters in the last group of 8)");
    }
    byte[] out = new byte[(int) (length * 5L / 8)];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        throw new IllegalArgumentException(
            "bad base32 character " + describe(c) + " at index " + i);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >>> bits);
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      // Otherwise two spellings would decode to the same bytes.
      throw new IllegalArgumentException(
          "base32 character " + describe(text.charAt(to - 1)) + " at index " + (to - 1)
              + " has non-zero trailing bits");
    }
    return out;
  }

  static String describe(char c) {
    if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.isSurrogate(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
