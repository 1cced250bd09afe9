package io.swarmtv.discovery.dht;

import java.util.Arrays;
import java.util.HexFormat;

/** A KRPC transaction id: opaque bytes a query carries and its answer echoes. */
public record TransactionId(byte[] bytes) {
  /** Longest transaction id taken from another node; real clients send 2 to 4 bytes. */
  public static final int MAX_LENGTH = 16;

  public TransactionId {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
