package io.swarmtv.swarm.wire;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A peer's 20 random bytes, chosen afresh each run. It carries no authority: it lets a peer
 * notice that it dialled itself or already has a connection to the same peer.
 */
public final class PeerId {
  /** Length on the wire. */
  public static final int LENGTH = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private PeerId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A new random id. */
  public static PeerId random() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new PeerId(bytes);
  }

  /**
   * The id whose bytes are {@code raw} (copied).
   *
   * @throws IllegalArgumentException if {@code raw} is not 20 bytes
   */
  public static PeerId of(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("peer id must be " + LENGTH + " bytes, was " + raw.length);
    }
    return new PeerId(raw.clone());
  }

  /** The 20 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without copying, for encoders in this package that promise not to modify them. */
  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** 40 lower-case hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
