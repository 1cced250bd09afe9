package io.swarmtv.channel;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The PKCS#8 (RFC 5958 / RFC 8410) DER form of an Ed25519 private key, as OpenSSL writes and
 * reads it. Hand-written so that a wrong file gets a message saying what it actually holds.
 */
final class Pkcs8Ed25519 {
  static final int SEED_LENGTH = 32;

  // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
  private static final byte[] PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final String ED25519_OID = "1.3.101.112";

  private Pkcs8Ed25519() {}

  static byte[] encode(byte[] seed) {
    byte[] der = Arrays.copyOf(PREFIX, PREFIX.length + SEED_LENGTH);
    System.arraycopy(seed, 0, der, PREFIX.length, SEED_LENGTH);
    return der;
  }

  /**
   * What a PKCS#8 Ed25519 key holds.
   *
   * @param seed the 32-byte private key
   * @param publicKey the public key a version 2 file carries too, or null
   */
  record Contents(byte[] seed, byte[] publicKey) {}

  /**
   * Reads a version 1 key, or a version 2 one with its public key.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static Contents decode(byte[] der) {
    Der outer = new Der(der, 0, der.length);
    Der key = outer.constructed(0x30, "PrivateKeyInfo SEQUENCE");
    if (!outer.atEnd()) {
      throw new IllegalArgumentException(
          "not a PKCS#8 key: " + outer.remaining() + " bytes after the key structure");
    }
    byte[] version = key.primitive(0x02, "version INTEGER");
    if (version.length != 1 || version[0] < 0 || version[0] > 1) {
      throw new IllegalArgumentException(
          "unsupported PKCS#8 version " + HexFormat.of().formatHex(version));
    }
    Der algorithm = key.constructed(0x30, "AlgorithmIdentifier SEQUENCE");
    String oid = Der.oidToString(algorithm.primitive(0x06, "algorithm OID"));
    if (!oid.equals(ED25519_OID)) {
      throw new IllegalArgumentException(
          "not an Ed25519 key: algorithm is " + oid + describeAlgorithm(oid));
    }
    if (!algorithm.atEnd()) {
      throw new IllegalArgumentException("Ed25519 AlgorithmIdentifier must not have parameters");
    }
    Der privateKey = new Der(key.primitive(0x04, "privateKey OCTET STRING"), "privateKey");
    byte[] seed = privateKey.primitive(0x04, "CurvePrivateKey OCTET STRING");
    if (!privateKey.atEnd()) {
      throw new IllegalArgumentException(
          privateKey.remaining() + " stray bytes after the Ed25519 private key");
    }
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "Ed25519 private key must be " + SEED_LENGTH + " bytes, was " + seed.length);
    }
    if (!key.atEnd() && key.peekTag() == 0xA0) {
      key.primitive(0xA0, "attributes"); // nothing in them concerns us
    }
    byte[] publicKey = null;
    if (!key.atEnd() && key.peekTag() == 0x81) {
      byte[] bits = key.primitive(0x81, "publicKey BIT STRING");
      if (bits.length != 1 + ChannelId.LENGTH || bits[0] != 0) {
        throw new IllegalArgumentException("public key in the file is not 32 bytes");
      }
      publicKey = Arrays.copyOfRange(bits, 1, bits.length);
    }
    if (!key.atEnd()) {
      throw new IllegalArgumentException(
          "unexpected field with tag 0x" + Integer.toHexString(key.peekTag()) + " in PKCS#8 key");
    }
    return new Contents(seed, publicKey);
  }

  private static String describeAlgorithm(String oid) {
    switch (oid) {
      case "1.3.101.113": return " (Ed448)";
      case "1.3.101.110": return " (X25519)";
      case "1.3.101.111": return " (X448)";
      case "1.2.840.10045.2.1": return " (EC)";
      case "1.2.840.113549.1.1.1": return " (RSA)";
      case "1.2.840.10040.4.1": return " (DSA)";
      default: return "";
    }
  }

  /** A cursor over DER-encoded elements with definite, minimally encoded lengths. */
  private static final class Der {
    private final byte[] data;
    private final String context;
    private int pos;
    private final int end;

    Der(byte[] data, int from, int to) {
      this(data, from, to, "key");
    }

    Der(byte[] data, String context) {
      this(data, 0, data.length, context);
    }

    private Der(byte[] data, int from, int to, String context) {
      this.data = data;
      this.pos = from;
      this.end = to;
      this.context = context;
    }

    boolean atEnd() {
      return pos == end;
    }

    int remaining() {
      return end - pos;
    }

    int peekTag() {
      return data[pos] & 0xFF;
    }

    Der constructed(int tag, String what) {
      int length = header(tag, what);
      Der inner = new Der(data, pos, pos + length, what);
      pos += length;
      return inner;
    }

    byte[] primitive(int tag, String what) {
      int length = header(tag, what);
      byte[] value = Arrays.copyOfRange(data, pos, pos + length);
      pos += length;
      return value;
    }

    private int header(int tag, String what) {
      if (end - pos < 2) {
        throw new IllegalArgumentException("truncated DER: " + what + " missing in " + context);
      }
      int actual = data[pos++] & 0xFF;
      if (actual != tag) {
        throw new IllegalArgumentException(
            "not a PKCS#8 key: expected " + what + " (tag 0x" + Integer.toHexString(tag)
                + ") but found tag 0x" + Integer.toHexString(actual));
      }
      int length = data[pos++] & 0xFF;
      if (length > 0x7F) {
        int count = length & 0x7F;
        if (count == 0 || count > 2 || end - pos < count) {
          throw new IllegalArgumentException("unsupported DER length encoding for " + what);
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (data[pos++] & 0xFF);
        }
        if (length < 0x80 || (count == 2 && length < 0x100)) {
          throw new IllegalArgumentException("non-minimal DER length for " + what);
        }
      }
      if (length > end - pos) {
        throw new IllegalArgumentException(
            "truncated DER: " + what + " declares " + length + " bytes, " + (end - pos)
                + " remain");
      }
      return length;
    }

    static String oidToString(byte[] oid) {
      if (oid.length == 0 || (oid[oid.length - 1] & 0x80) != 0) {
        throw new IllegalArgumentException("malformed algorithm OID");
      }
      StringBuilder out = new StringBuilder();
      long arc = 0;
      boolean first = true;
      for (byte b : oid) {
        arc = (arc << 7) | (b & 0x7F);
        if (arc > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("malformed algorithm OID");
        }
        if ((b & 0x80) == 0) {
          if (first) {
            int top = (int) Math.min(arc / 40, 2);
            out.append(top).append('.').append(arc - 40L * top);
            first = false;
          } else {
            out.append('.').append(arc);
          }
          arc = 0;
        }
      }
      return out.toString();
    }
  }
}
