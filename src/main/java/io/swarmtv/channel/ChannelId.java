package io.swarmtv.channel;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A channel's identity: the broadcaster's 32-byte raw Ed25519 public key, written as 52
 * lower-case base32 characters.
 *
 * <p>Every instance is a public key the JDK accepts for verification (a canonical encoding of a
 * curve point), so a mistyped id that still happens to be valid base32 is usually caught at
 * parse time rather than as a swarm in which no chunk ever verifies.
 */
public final class ChannelId {
  /** Length of a raw Ed25519 public key. */
  public static final int LENGTH = 32;

  /** Length of the text form. */
  public static final int TEXT_LENGTH = 52;

  // DER of SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING (33 bytes) }
  // up to the key bytes (RFC 8410).
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final byte[] bytes;
  private final PublicKey publicKey;

  private ChannelId(byte[] bytes) {
    this.bytes = bytes;
    this.publicKey = toPublicKey(bytes);
  }

  /**
   * The channel whose raw public key is {@code raw} (copied).
   *
   * @throws IllegalArgumentException if {@code raw} is not 32 bytes or not a valid Ed25519 public
   *     key
   */
  public static ChannelId of(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "channel id must be " + LENGTH + " bytes, was " + raw.length);
    }
    return new ChannelId(raw.clone());
  }

  /**
   * Parses the 52-character base32 text form; upper case is accepted.
   *
   * @throws IllegalArgumentException naming the length, the bad character and its index, or why
   *     the key is not valid
   */
  public static ChannelId parse(CharSequence text) {
    return parse(text, 0, text.length());
  }

  /** Parses {@code text[from, to)}; error messages give indexes into {@code text}. */
  static ChannelId parse(CharSequence text, int from, int to) {
    if (to - from != TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "channel id must be " + TEXT_LENGTH + " base32 characters, found " + (to - from));
    }
    return new ChannelId(Base32.decode(text, from, to));
  }

  /** The channel whose key {@code key} is: an Ed25519 public key in X.509 form. */
  public static ChannelId fromPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null
        || encoded.length != X509_PREFIX.length + LENGTH
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException(
          "not an Ed25519 public key: " + key.getAlgorithm() + " key, format " + key.getFormat());
    }
    return of(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length));
  }

  /** The raw 32-byte public key (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The raw key without copying, for encoders in this package that promise not to modify it. */
  byte[] rawBytes() {
    return bytes;
  }

  /** The key as a JCA public key, for {@link Signature#initVerify(PublicKey)}. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** SHA-1 of the raw key: the 20-byte info-hash trackers and the DHT know the channel by. */
  public byte[] infoHash() {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-1", e);
    }
  }

  /** {@link #infoHash()} as 40 lower-case hex digits. */
  public String infoHashHex() {
    return HexFormat.of().formatHex(infoHash());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The 52-character lower-case base32 text form. */
  @Override
  public String toString() {
    return Base32.encode(bytes);
  }

  private static PublicKey toPublicKey(byte[] raw) {
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, LENGTH);
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
      // The key factory takes any 32 bytes; decoding the point happens in initVerify.
      Signature.getInstance("Ed25519").initVerify(key);
      return key;
    } catch (InvalidKeySpecException | InvalidKeyException e) {
      throw new IllegalArgumentException(
          "channel id is not a valid Ed25519 public key (" + e.getMessage() + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide Ed25519", e);
    }
  }
}
