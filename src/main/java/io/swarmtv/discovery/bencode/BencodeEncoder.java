package io.swarmtv.discovery.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes {@link BValue}s in bencoding, dictionary keys in raw-byte order. */
public final class BencodeEncoder {
  private BencodeEncoder() {}

  /** The bencoding of {@code value}. */
  public static byte[] encode(BValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    write(value, out);
    return out.toByteArray();
  }

  private static void write(BValue value, ByteArrayOutputStream out) {
    if (value instanceof BInteger i) {
      ascii(out, "i" + i.value() + "e");
    } else if (value instanceof BBytes b) {
      bytes(out, b.value());
    } else if (value instanceof BList l) {
      out.write('l');
      l.values().forEach(v -> write(v, out));
      out.write('e');
    } else {
      out.write('d');
      for (Map.Entry<String, BValue> e : ((BDictionary) value).sorted()) {
        bytes(out, e.getKey().getBytes(StandardCharsets.ISO_8859_1));
        write(e.getValue(), out);
      }
      out.write('e');
    }
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    ascii(out, b.length + ":");
    out.writeBytes(b);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
