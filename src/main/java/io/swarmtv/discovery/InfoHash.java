package io.swarmtv.discovery;

import java.util.Arrays;
import java.util.HexFormat;

/** A swarm's 20-byte BitTorrent info-hash (for a channel, {@code ChannelId.infoHash()}), compared by value. */
public final class InfoHash {
  /** Length of an info-hash in bytes. */
  public static final int LENGTH = 20;

  private final byte[] bytes;

  private InfoHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The info-hash {@code raw} (copied); it must be 20 bytes. */
  public static InfoHash of(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("an info-hash is " + LENGTH + " bytes, not " + raw.length);
    }
    return new InfoHash(raw.clone());
  }

  /** The info-hash written as 40 hex digits (either case). */
  public static InfoHash parseHex(CharSequence hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("an info-hash is " + 2 * LENGTH + " hex digits, not " + hex.length());
    }
    try {
      return new InfoHash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("info-hash '" + hex + "' is not hex", e);
    }
  }

  /** The 20 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex, as logs and LAN announcements write it. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfoHash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
