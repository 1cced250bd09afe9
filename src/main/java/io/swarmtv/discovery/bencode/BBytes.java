package io.swarmtv.discovery.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** A bencoded byte string ({@code 4:spam}); often binary (ids, compact addresses), so kept as bytes. */
public record BBytes(byte[] value) implements BValue {
  public BBytes {
    value = value.clone();
  }

  /** A UTF-8 string as a byte string. */
  public static BBytes of(String text) {
    return new BBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The bytes read as UTF-8, for strings such as a tracker's {@code failure reason}. */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** How many bytes. */
  public int length() {
    return value.length;
  }

  @Override
  public String kind() {
    return "byte string";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BBytes b && Arrays.equals(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    for (byte b : value) {
      if (b < 0x20 || b > 0x7e) {
        return "0x" + HexFormat.of().formatHex(value);
      }
    }
    return '"' + text() + '"';
  }
}
