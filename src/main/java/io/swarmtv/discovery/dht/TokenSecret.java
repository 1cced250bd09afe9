package io.swarmtv.discovery.dht;

import io.swarmtv.ingest.MicrosClock;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * The tokens get_peers hands out and announce_peer must return (BEP 5): a hash of the asker's IP
 * address and a secret that changes every {@link #ROTATE_MICROS}; the previous secret is still
 * accepted, so a token stays good for 5 to 10 minutes.
 */
public final class TokenSecret {
  /** How often the secret changes. */
  public static final long ROTATE_MICROS = 5 * 60 * 1_000_000L;
  /** Bytes in a token we hand out. */
  public static final int TOKEN_LENGTH = 8;

  private final MicrosClock clock;
  private final Random random;
  private byte[] current = new byte[16];
  private byte[] previous = new byte[16];
  private long rotatedAt;

  public TokenSecret(MicrosClock clock, Random random) {
    this.clock = clock;
    this.random = random;
    random.nextBytes(current);
    random.nextBytes(previous);
    this.rotatedAt = clock.nowMicros();
  }

  /** The token for a node at {@code address}. */
  public byte[] tokenFor(InetAddress address) {
    rotate();
    return token(current, address);
  }

  /** Whether {@code token} is one we gave {@code address} within the last two secrets. */
  public boolean valid(InetAddress address, byte[] token) {
    rotate();
    return MessageDigest.isEqual(token, token(current, address))
        || MessageDigest.isEqual(token, token(previous, address));
  }

  private void rotate() {
    long now = clock.nowMicros();
    if (now - rotatedAt < ROTATE_MICROS) {
      return;
    }
    // Idle for two periods or more: both secrets have expired.
    previous = now - rotatedAt >= 2 * ROTATE_MICROS ? fresh() : current;
    current = fresh();
    rotatedAt = now;
  }

  private byte[] fresh() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return b;
  }

  private static byte[] token(byte[] secret, InetAddress address) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(secret);
      sha1.update(address.getAddress());
      return Arrays.copyOf(sha1.digest(), TOKEN_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-1", e);
    }
  }
}
