package io.swarmtv.discovery.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

  private static BValue decode(String s) {
    return BencodeDecoder.decode(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String encode(BValue v) {
    return new String(v.encode(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsTheExamplesOfBep3() {
    assertEquals(BBytes.of("spam"), decode("4:spam"));
    assertEquals(new BInteger(3), decode("i3e"));
    assertEquals(new BInteger(-3), decode("i-3e"));
    assertEquals(new BInteger(0), decode("i0e"));
    assertEquals(BList.of(BBytes.of("spam"), BBytes.of("eggs")), decode("l4:spam4:eggse"));
    BDictionary d = (BDictionary) decode("d3:cow3:moo4:spam4:eggse");
    assertEquals("moo", d.text("cow"));
    assertEquals("eggs", d.text("spam"));
    BDictionary nested = (BDictionary) decode("d4:spaml1:a1:bee");
    assertEquals(BList.of(BBytes.of("a"), BBytes.of("b")), nested.list("spam"));
    assertEquals(BBytes.of(""), decode("0:"));
  }

  @Test
  void writesKeysInRawByteOrderWhateverTheyWereAddedIn() {
    BDictionary d = BDictionary.builder().put("zz", 1).put("a", "x").put("\u00ff", 2).put("B", 3).build();
    assertEquals("d1:Bi3e1:a1:x2:zzi1e1:\u00ffi2ee", encode(d));
  }

  @Test
  void roundTripsBinaryStringsAndKeys() {
    byte[] id = new byte[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = (byte) (i * 13 - 100);
    }
    BDictionary d = BDictionary.builder().put("id", id)
        .put(new String(new byte[] {(byte) 0x80, 0}, StandardCharsets.ISO_8859_1), Long.MIN_VALUE)
        .put("max", Long.MAX_VALUE).build();
    BDictionary back = BencodeDecoder.decodeDictionary(d.encode(), 0, d.encode().length);
    assertEquals(d, back);
    assertArrayEquals(id, back.bytes("id"));
    assertEquals(Long.MAX_VALUE, back.integer("max"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "i03e | integer is not in canonical form",
      "i-0e | integer is not in canonical form",
      "ie | integer is not in canonical form",
      "i+3e | expected a digit",
      "i1.5e | expected a digit",
      "i99999999999999999999e | does not fit in 64 bits",
      "03:abc | integer is not in canonical form",
      "5:abc | runs past the end",
      "l4:spam | ends in the middle",
      "d3:cowe | unexpected byte 0x65 where a value should start",
      "di1e3:mooe | dictionary key is not a byte string",
      "d1:ai1e1:ai2ee | duplicate dictionary key 'a'",
      "i1ei2e | trailing bytes",
      "x | unexpected byte 0x78",
      "'' | ends in the middle",
  })
  void refusesMalformedInputSayingWhatIsWrong(String input, String message) {
    BencodeException e = assertThrows(BencodeException.class, () -> decode(input));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void refusesDeepNesting() {
    String deep = "l".repeat(BencodeDecoder.MAX_DEPTH + 2) + "e".repeat(BencodeDecoder.MAX_DEPTH + 2);
    BencodeException e = assertThrows(BencodeException.class, () -> decode(deep));
    assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    String ok = "l".repeat(BencodeDecoder.MAX_DEPTH) + "e".repeat(BencodeDecoder.MAX_DEPTH);
    assertTrue(decode(ok) instanceof BList);
  }

  @Test
  void refusesTooManyValues() {
    String many = "l" + "i1e".repeat(BencodeDecoder.MAX_ITEMS) + "e";
    BencodeException e = assertThrows(BencodeException.class, () -> decode(many));
    assertTrue(e.getMessage().contains("more than " + BencodeDecoder.MAX_ITEMS + " values"), e.getMessage());
  }

  @Test
  void typedAccessNamesTheKey() {
    BDictionary d = (BDictionary) decode("d8:intervali1800e5:peers3:abce");
    assertEquals(1800, d.integer("interval"));
    BencodeException wrongType = assertThrows(BencodeException.class, () -> d.integer("peers"));
    assertEquals("key 'peers' holds a byte string, not an integer", wrongType.getMessage());
    BencodeException missing = assertThrows(BencodeException.class, () -> d.text("failure reason"));
    assertEquals("missing key 'failure reason'", missing.getMessage());
  }

  @Test
  void reportsOffsetsWithinTheGivenRange() {
    byte[] buf = "xxxxi03e".getBytes(StandardCharsets.US_ASCII);
    BencodeException e = assertThrows(BencodeException.class, () -> BencodeDecoder.decode(buf, 4, 4));
    assertTrue(e.getMessage().startsWith("bencode at byte 1:"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomValuesRoundTrip(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      BValue v = randomValue(random, 0);
      byte[] encoded = v.encode();
      assertEquals(v, BencodeDecoder.decode(encoded));
      assertArrayEquals(encoded, BencodeDecoder.decode(encoded).encode());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void randomCorruptionIsRefusedCleanlyOrStillValid(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] b = randomValue(random, 0).encode();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      int len = random.nextInt(b.length + 1);
      try {
        BValue v = BencodeDecoder.decode(b, 0, len);
        // What still decodes must be canonical: it re-encodes to the same bytes (dictionary key
        // order aside, which decoding does not enforce).
        assertEquals(v, BencodeDecoder.decode(v.encode()));
      } catch (BencodeException expected) {
        assertTrue(expected.getMessage().startsWith("bencode at byte"), expected.getMessage());
      }
    }
  }

  private static BValue randomValue(Random random, int depth) {
    int kind = depth > 3 ? random.nextInt(2) : random.nextInt(4);
    switch (kind) {
      case 0:
        return new BInteger(random.nextBoolean() ? random.nextInt(1000) - 500 : random.nextLong());
      case 1: {
        byte[] b = new byte[random.nextInt(24)];
        random.nextBytes(b);
        return new BBytes(b);
      }
      case 2: {
        List<BValue> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          values.add(randomValue(random, depth + 1));
        }
        return new BList(values);
      }
      default: {
        BDictionary.Builder d = BDictionary.builder();
        for (int i = random.nextInt(5); i > 0; i--) {
          d.put("k" + random.nextInt(50), randomValue(random, depth + 1));
        }
        return d.build();
      }
    }
  }
}
