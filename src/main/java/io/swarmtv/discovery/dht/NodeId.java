package io.swarmtv.discovery.dht;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/** A 160-bit DHT node id or info-hash; closeness is the XOR of two ids read as an unsigned number. */
public final class NodeId {
  /** Bytes in an id. */
  public static final int LENGTH = 20;
  /** Bits in an id. */
  public static final int BITS = LENGTH * 8;

  private final byte[] bytes;

  private NodeId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The id held in {@code bytes}, which must be exactly 20 bytes. */
  public static NodeId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a node id is " + LENGTH + " bytes, not " + bytes.length);
    }
    return new NodeId(bytes.clone());
  }

  /** A uniformly random id. */
  public static NodeId random(Random random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new NodeId(b);
  }

  /**
   * A random id that shares exactly {@code prefixBits} leading bits with this one, so it falls in
   * that routing-table bucket; {@code prefixBits == BITS} gives this id.
   */
  public NodeId randomWithPrefix(int prefixBits, Random random) {
    if (prefixBits < 0 || prefixBits > BITS) {
      throw new IllegalArgumentException("prefix of " + prefixBits + " bits");
    }
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    for (int i = 0; i < prefixBits; i++) {
      setBit(b, i, bit(i));
    }
    if (prefixBits < BITS) {
      setBit(b, prefixBits, !bit(prefixBits));
    }
    return new NodeId(b);
  }

  /** The id's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Bit {@code i}, counted from the most significant. */
  public boolean bit(int i) {
    return (bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0;
  }

  /** How many leading bits this id shares with {@code other} (160 when equal). */
  public int sharedPrefixBits(NodeId other) {
    for (int i = 0; i < LENGTH; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** Negative if {@code a} is closer to this id than {@code b}, positive if farther, 0 if equal. */
  public int compareDistance(NodeId a, NodeId b) {
    for (int i = 0; i < LENGTH; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xff;
      int db = (b.bytes[i] ^ bytes[i]) & 0xff;
      if (da != db) {
        return Integer.compare(da, db);
      }
    }
    return 0;
  }

  /** The id as 40 lower-case hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  private static void setBit(byte[] b, int i, boolean on) {
    int mask = 0x80 >>> (i & 7);
    b[i >>> 3] = (byte) (on ? b[i >>> 3] | mask : b[i >>> 3] & ~mask);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId n && Arrays.equals(bytes, n.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex().substring(0, 12);
  }
}
