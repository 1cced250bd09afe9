package io.swarmtv.discovery.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.discovery.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsdMessageTest {
  static final InfoHash A = InfoHash.parseHex("0123456789abcdef0123456789abcdef01234567");
  static final InfoHash B = InfoHash.parseHex("ffffffffffffffffffffffffffffffff00000000");

  private static LsdMessage parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return LsdMessage.parse(b, b.length);
  }

  @Test
  void writesTheBep14Format() {
    String text = new String(new LsdMessage(6881, List.of(A, B), "c00k1e").encode("239.192.152.143:6771"),
        StandardCharsets.US_ASCII);
    assertEquals("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\n"
        + "Infohash: 0123456789abcdef0123456789abcdef01234567\r\n"
        + "Infohash: ffffffffffffffffffffffffffffffff00000000\r\ncookie: c00k1e\r\n\r\n\r\n", text);
  }

  @Test
  void readsWhatAnotherClientWritesWithOtherCaseAndExtraHeaders() {
    LsdMessage m = parse("BT-SEARCH * HTTP/1.1\r\nhost: [ff15::efc0:988f]:6771\r\nPORT:7000\r\n"
        + "X-Extra: 1\r\nINFOHASH: 0123456789ABCDEF0123456789ABCDEF01234567\r\n\r\n\r\n");
    assertEquals(new LsdMessage(7000, List.of(A), null), m);
    assertNull(m.cookie());
  }

  @Test
  void roundTrips() {
    LsdMessage m = new LsdMessage(65535, List.of(B, A), "x");
    byte[] b = m.encode("h");
    assertEquals(m, LsdMessage.parse(b, b.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "M-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 0\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 99999999999\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nPort: 2\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 0123456789abcdef0123456789abcdef0123456\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 0123456789abcdef0123456789abcdef0123456g\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nno colon\r\n\r\n",
      "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 0123456789abcdef0123456789abcdef01234567\r\ncookie: a b\r\n\r\n",
      "",
  })
  void malformedAnnouncementsAreRefusedWithAReason(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
    assertTrue(e.getMessage().length() > 10, e.getMessage());
  }

  @Test
  void tooLongOrTooManyHashesIsRefused() {
    StringBuilder s = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n");
    for (int i = 0; i < 17; i++) {
      s.append("Infohash: 0123456789abcdef0123456789abcdef01234567\r\n");
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(s + "\r\n")).getMessage()
        .contains("more than 16 Infohash"));
    byte[] big = new byte[LsdMessage.MAX_BYTES + 1];
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LsdMessage.parse(big, big.length)).getMessage()
        .contains("longer than 1400"));
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButARefusal() {
    Random random = new Random(14);
    byte[] good = new LsdMessage(6881, List.of(A), "abc").encode("h");
    for (int i = 0; i < 20_000; i++) {
      byte[] b = good.clone();
      for (int k = random.nextInt(4); k >= 0; k--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      try {
        LsdMessage m = LsdMessage.parse(b, random.nextInt(b.length + 1));
        assertTrue(m.port() >= 1 && m.infoHashes().size() == 1);
      } catch (IllegalArgumentException expected) {
        // refused with a reason: fine
      }
    }
  }
}
