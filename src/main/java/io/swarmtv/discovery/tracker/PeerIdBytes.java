package io.swarmtv.discovery.tracker;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Arrays;

/**
 * Our 20-byte BitTorrent peer id for trackers, in the Azureus style ({@code -ST0001-} and twelve
 * random bytes) so that tracker statistics can name the client.
 */
public final class PeerIdBytes {
  private static final byte[] PREFIX = "-ST0001-".getBytes(StandardCharsets.US_ASCII);
  private final byte[] bytes;

  private PeerIdBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh random id. */
  public static PeerIdBytes random(Random random) {
    byte[] b = new byte[20];
    random.nextBytes(b);
    System.arraycopy(PREFIX, 0, b, 0, PREFIX.length);
    return new PeerIdBytes(b);
  }

  /** The 20 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerIdBytes p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
