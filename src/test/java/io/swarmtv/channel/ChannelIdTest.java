package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChannelIdTest {
  // RFC 8032 section 7.1, test 1.
  private static final byte[] RFC8032_PUBLIC = HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void textFormIs52LowerCaseBase32CharactersAndParsesBack() {
    ChannelId id = ChannelId.of(RFC8032_PUBLIC);
    String text = id.toString();
    assertEquals(52, text.length());
    assertEquals(text.toLowerCase(), text);
    assertEquals(Base32.encode(RFC8032_PUBLIC), text);
    assertEquals(id, ChannelId.parse(text));
    assertEquals(id, ChannelId.parse(text.toUpperCase()));
    assertArrayEquals(RFC8032_PUBLIC, id.bytes());
  }

  @Test
  void infoHashIsSha1OfTheRawKey() throws Exception {
    ChannelId id = ChannelId.of(RFC8032_PUBLIC);
    byte[] expected = MessageDigest.getInstance("SHA-1").digest(RFC8032_PUBLIC);
    assertArrayEquals(expected, id.infoHash());
    assertEquals(20, id.infoHash().length);
    assertEquals(HexFormat.of().formatHex(expected), id.infoHashHex());
    assertEquals(40, id.infoHashHex().length());
  }

  @Test
  void convertsToAndFromJcaPublicKeys() throws Exception {
    PublicKey jca = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    ChannelId id = ChannelId.fromPublicKey(jca);
    assertArrayEquals(jca.getEncoded(), id.publicKey().getEncoded());
    assertArrayEquals(Arrays.copyOfRange(jca.getEncoded(), 12, 44), id.bytes());
    assertEquals("302a300506032b6570032100",
        HexFormat.of().formatHex(Arrays.copyOf(id.publicKey().getEncoded(), 12)));
  }

  @Test
  void refusesOtherKeyTypes() throws Exception {
    PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChannelId.fromPublicKey(ec));
    assertTrue(e.getMessage().startsWith("not an Ed25519 public key: EC key"), e.getMessage());
  }

  @Test
  void equalityIsByContent() {
    ChannelId a = ChannelId.of(RFC8032_PUBLIC);
    ChannelId b = ChannelId.of(RFC8032_PUBLIC.clone());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, ChannelKey.generate().id());
  }

  @Test
  void copiesSoCallersCannotChangeIt() {
    byte[] raw = RFC8032_PUBLIC.clone();
    ChannelId id = ChannelId.of(raw);
    raw[0] ^= 1;
    id.bytes()[1] ^= 1;
    assertArrayEquals(RFC8032_PUBLIC, id.bytes());
  }

  @Test
  void rejectsWrongLengths() {
    assertEquals("channel id must be 32 bytes, was 31",
        assertThrows(IllegalArgumentException.class, () -> ChannelId.of(new byte[31]))
            .getMessage());
    assertEquals("channel id must be 52 base32 characters, found 51",
        assertThrows(IllegalArgumentException.class,
            () -> ChannelId.parse(ChannelId.of(RFC8032_PUBLIC).toString().substring(1)))
            .getMessage());
  }

  @Test
  void rejectsBytesThatAreNotAPublicKey() {
    byte[] tooLargeY = new byte[32];
    Arrays.fill(tooLargeY, (byte) 0xFF);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChannelId.of(tooLargeY));
    assertTrue(e.getMessage().startsWith("channel id is not a valid Ed25519 public key"),
        e.getMessage());
    // y = 2 is canonical but has no x on the curve.
    byte[] notOnCurve = new byte[32];
    notOnCurve[0] = 2;
    assertThrows(IllegalArgumentException.class, () -> ChannelId.of(notOnCurve));
  }
}
