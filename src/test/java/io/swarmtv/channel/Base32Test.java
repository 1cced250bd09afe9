package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, my",
    "fo, mzxq",
    "foo, mzxw6",
    "foob, mzxw6yq",
    "fooba, mzxw6ytb",
    "foobar, mzxw6ytboi",
  })
  void rfc4648VectorsInLowerCaseWithoutPadding(String plain, String encoded) {
    byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
    assertEquals(encoded, Base32.encode(bytes));
    assertArrayEquals(bytes, Base32.decode(encoded));
    assertArrayEquals(bytes, Base32.decode(encoded.toUpperCase()));
    assertEquals(encoded.length(), Base32.encodedLength(bytes.length));
  }

  @Test
  void roundTripsEveryLength() {
    Random random = new Random(7);
    for (int n = 0; n < 80; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, Base32.decode(Base32.encode(bytes)), "length " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"m", "mzx", "mzxw6y", "mzxw6ytbo"})
  void rejectsLengthsNoEncoderProduces(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
    assertEquals("base32 text of " + text.length() + " characters cannot be complete ("
        + (text.length() % 8) + " characters in the last group of 8)", e.getMessage());
  }

  @Test
  void namesTheBadCharacterAndItsIndex() {
    assertEquals("bad base32 character '1' at index 3",
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("mzx1")).getMessage());
    assertEquals("bad base32 character '=' at index 6",
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("mzxw6y==")).getMessage());
    assertEquals("bad base32 character U+0020 at index 0",
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(" zxq")).getMessage());
    assertEquals("bad base32 character 'é' at index 1",
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("mé")).getMessage());
  }

  @Test
  void indexesAreIntoTheWholeTextWhenDecodingPartOfIt() {
    assertEquals("bad base32 character '!' at index 13",
        assertThrows(IllegalArgumentException.class,
            () -> Base32.decode("prefix:mzxw6y!rest", 7, 14)).getMessage());
  }

  @Test
  void rejectsNonZeroTrailingBits() {
    // "my" is 'f'; "mz" has the same first byte with a set bit after it.
    assertEquals("base32 character 'z' at index 1 has non-zero trailing bits",
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("mz")).getMessage());
  }
}
