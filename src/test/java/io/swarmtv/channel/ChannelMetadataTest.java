package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelMetadataTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelKey OTHER = ChannelKey.generate();

  private static ChannelMetadata sample() {
    return ChannelMetadata.sign(KEY, "Évening News", "Live from the studio.\nEvery night.",
        4_000_000, List.of("avc1.64001f", "mp4a.40.2"), 12);
  }

  @Test
  void signsVerifiesAndRoundTrips() {
    ChannelMetadata m = sample();
    assertTrue(m.verify(KEY.id()));
    byte[] bytes = ChannelMetadataCodec.encode(m);
    ChannelMetadata back = ChannelMetadataCodec.decode(bytes);
    assertEquals(m, back);
    assertTrue(back.verify(KEY.id()));
  }

  @Test
  void layout() {
    ChannelMetadata m = ChannelMetadata.sign(KEY, "N", "", 0x0102, List.of("ac-3"), 5);
    byte[] bytes = ChannelMetadataCodec.encode(m);
    assertEquals("0000000000000005" + "0000000000000102" + "0001" + "4e" + "0000" + "01"
        + "0004" + "61632d33", HexFormat.of().formatHex(bytes, 0, bytes.length - 64));
    assertArrayEquals(m.signature(), Arrays.copyOfRange(bytes, bytes.length - 64, bytes.length));

    byte[] signed = m.signedBytes(KEY.id());
    assertEquals("swarmtv/metadata/1\0",
        new String(signed, 0, 19, StandardCharsets.US_ASCII));
    assertArrayEquals(KEY.id().bytes(), Arrays.copyOfRange(signed, 19, 51));
    assertArrayEquals(Arrays.copyOf(bytes, bytes.length - 64),
        Arrays.copyOfRange(signed, 51, signed.length));
  }

  @Test
  void recordSignedForOneChannelFailsUnderAnother() {
    ChannelMetadata m = sample();
    assertFalse(m.verify(OTHER.id()));
    ChannelMetadata byOther = ChannelMetadata.sign(OTHER, m.name(), m.description(), m.bitrate(),
        m.codecs(), m.sequence());
    assertFalse(byOther.verify(KEY.id()));
  }

  @Test
  void aChunkSignatureCannotPassForMetadata() {
    ChannelMetadata m = sample();
    byte[] chunkSignature = ChunkSignature.sign(KEY, 1, 1, 1, 0, 0, new byte[1]).signature();
    ChannelMetadata forged = new ChannelMetadata(m.name(), m.description(), m.bitrate(),
        m.codecs(), m.sequence(), chunkSignature);
    assertFalse(forged.verify(KEY.id()));
  }

  @Test
  void flippingAnyBitFailsDecodeOrVerify() {
    byte[] bytes = ChannelMetadataCodec.encode(sample());
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] tampered = bytes.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        assertFalse(ChannelMetadataCodec.decode(tampered).verify(KEY.id()), "bit " + bit);
      } catch (MalformedRecordException expected) {
        // fine
      }
    }
  }

  @Test
  void everyTruncationIsReportedPrecisely() {
    byte[] bytes = ChannelMetadataCodec.encode(
        ChannelMetadata.sign(KEY, "N", "D", 1, List.of("ac-3"), 5));
    // sequence 0..7, bitrate 8..15, name length 16..17, name 18, description length 19..20,
    // description 21, codec count 22, codec 0 length 23..24, codec 25..28, signature 29..92
    for (int length = 0; length < bytes.length; length++) {
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
      MalformedRecordException e =
          assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(in));
      assertEquals(expectedTruncation(length), e.getMessage(), "length " + length);
      assertEquals(0, in.position());
    }
  }

  private static String expectedTruncation(int length) {
    String[] fields = {"sequence", "bitrate", "name length", "name", "description length",
        "description", "codec count", "codec 0 length", "codec 0", "signature"};
    int[] offsets = {0, 8, 16, 18, 19, 21, 22, 23, 25, 29, 93};
    for (int i = 0; i < fields.length; i++) {
      if (length < offsets[i + 1]) {
        return "truncated metadata: " + fields[i] + " needs " + (offsets[i + 1] - offsets[i])
            + " bytes at offset " + offsets[i] + ", " + (length - offsets[i]) + " remain";
      }
    }
    throw new AssertionError();
  }

  @Test
  void trailingBytesAndOversizedInputAreRejected() {
    byte[] bytes = ChannelMetadataCodec.encode(sample());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
    assertEquals("2 trailing bytes after a " + bytes.length + "-byte metadata record",
        assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(longer))
            .getMessage());
    assertEquals("metadata record is 4097 bytes, over the 4096-byte limit",
        assertThrows(MalformedRecordException.class,
            () -> ChannelMetadataCodec.decode(new byte[4097])).getMessage());
  }

  @Test
  void declaredLengthsOverTheLimitsAreRejectedBeforeAllocating() {
    ByteBuffer b = ByteBuffer.allocate(200);
    b.putLong(1).putLong(1).putShort((short) 101);
    assertEquals("metadata name is 101 bytes, more than 100",
        assertThrows(MalformedRecordException.class,
            () -> ChannelMetadataCodec.decode(b.array())).getMessage());
    ByteBuffer d = ByteBuffer.allocate(200);
    d.putLong(1).putLong(1).putShort((short) 1).put((byte) 'x').putShort((short) 0xFFFF);
    assertEquals("metadata description is 65535 bytes, more than 1000",
        assertThrows(MalformedRecordException.class,
            () -> ChannelMetadataCodec.decode(d.array())).getMessage());
    ByteBuffer c = ByteBuffer.allocate(200);
    c.putLong(1).putLong(1).putShort((short) 1).put((byte) 'x').putShort((short) 0).put((byte) 17);
    assertEquals("metadata has 17 codecs, more than 16",
        assertThrows(MalformedRecordException.class,
            () -> ChannelMetadataCodec.decode(c.array())).getMessage());
    ByteBuffer l = ByteBuffer.allocate(200);
    l.putLong(1).putLong(1).putShort((short) 1).put((byte) 'x').putShort((short) 0).put((byte) 1)
        .putShort((short) 65);
    assertEquals("metadata codec 0 is 65 bytes, more than 64",
        assertThrows(MalformedRecordException.class,
            () -> ChannelMetadataCodec.decode(l.array())).getMessage());
  }

  @Test
  void invalidUtf8AndBadValuesAreRejected() {
    byte[] bytes = ChannelMetadataCodec.encode(
        ChannelMetadata.sign(KEY, "Na", "", 1, List.of(), 5));
    bytes[18] = (byte) 0xC3; // a lead byte followed by 'a'
    assertEquals("metadata name is not valid UTF-8",
        assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(bytes))
            .getMessage());
    byte[] control = ChannelMetadataCodec.encode(
        ChannelMetadata.sign(KEY, "Na", "", 1, List.of(), 5));
    control[18] = 0x07;
    assertEquals("bad metadata: name has control character U+0007 at index 0",
        assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(control))
            .getMessage());
    byte[] negative = ChannelMetadataCodec.encode(
        ChannelMetadata.sign(KEY, "Na", "", 1, List.of(), 5));
    negative[8] = (byte) 0x80;
    assertEquals("bad metadata: bitrate is negative: -9223372036854775807",
        assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(negative))
            .getMessage());
  }

  @Test
  void constructorEnforcesTheBounds() {
    byte[] sig = new byte[64];
    assertMessage("name must be 1 to 100 bytes of UTF-8, was 0",
        () -> new ChannelMetadata("", "", 0, List.of(), 0, sig));
    assertMessage("name must be 1 to 100 bytes of UTF-8, was 102",
        () -> new ChannelMetadata("é".repeat(51), "", 0, List.of(), 0, sig));
    new ChannelMetadata("é".repeat(50), "d".repeat(1000), 0,
        Collections.nCopies(16, "c".repeat(64)), 0, sig);
    assertMessage("description must be 0 to 1000 bytes of UTF-8, was 1001",
        () -> new ChannelMetadata("n", "d".repeat(1001), 0, List.of(), 0, sig));
    assertMessage("description has control character U+0009 at index 1",
        () -> new ChannelMetadata("n", "a\tb", 0, List.of(), 0, sig));
    assertMessage("name has control character U+000A at index 1",
        () -> new ChannelMetadata("a\nb", "", 0, List.of(), 0, sig));
    assertMessage("name has an unpaired surrogate",
        () -> new ChannelMetadata("a\ud800", "", 0, List.of(), 0, sig));
    assertMessage("17 codecs, more than 16",
        () -> new ChannelMetadata("n", "", 0, Collections.nCopies(17, "avc1"), 0, sig));
    assertMessage("codec must be 1 to 64 characters: " + "c".repeat(65),
        () -> new ChannelMetadata("n", "", 0, List.of("c".repeat(65)), 0, sig));
    assertMessage("codec 'avc1\"' has '\"' at index 4 (allowed: letters, digits, . - _ +)",
        () -> new ChannelMetadata("n", "", 0, List.of("avc1\""), 0, sig));
    assertMessage("bitrate is negative: -1",
        () -> new ChannelMetadata("n", "", -1, List.of(), 0, sig));
    assertMessage("metadata sequence is negative: -1",
        () -> new ChannelMetadata("n", "", 0, List.of(), -1, sig));
    assertMessage("metadata signature must be 64 bytes",
        () -> new ChannelMetadata("n", "", 0, List.of(), 0, new byte[63]));
  }

  @Test
  void largestRecordFitsTheLimitAndRoundTrips() {
    ChannelMetadata m = ChannelMetadata.sign(KEY, "n".repeat(100), "d".repeat(1000),
        Long.MAX_VALUE, Collections.nCopies(16, "c".repeat(64)), Long.MAX_VALUE);
    byte[] bytes = ChannelMetadataCodec.encode(m);
    assertTrue(bytes.length <= ChannelMetadataCodec.MAX_LENGTH, "" + bytes.length);
    assertEquals(m, ChannelMetadataCodec.decode(bytes));
    assertTrue(m.verify(KEY.id()));
  }

  @Test
  void codecsListIsImmutable() {
    List<String> codecs = new ArrayList<>(List.of("avc1"));
    ChannelMetadata m = new ChannelMetadata("n", "", 0, codecs, 0, new byte[64]);
    codecs.add("mp4a");
    assertEquals(List.of("avc1"), m.codecs());
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomBytesNeverCrashDecode(long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    decodeOrReject(bytes);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomlyMutatedRecordsNeverCrashDecodeOrVerify(long seed) {
    Random random = new Random(seed);
    byte[] bytes = ChannelMetadataCodec.encode(sample());
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    ChannelMetadata m = decodeOrReject(bytes);
    if (m != null && !Arrays.equals(bytes, ChannelMetadataCodec.encode(sample()))) {
      assertFalse(m.verify(KEY.id()));
    }
  }

  private static ChannelMetadata decodeOrReject(byte[] bytes) {
    try {
      return ChannelMetadataCodec.decode(bytes);
    } catch (MalformedRecordException e) {
      assertFalse(e.getMessage().isBlank());
      return null;
    }
  }

  private static void assertMessage(String message, org.junit.jupiter.api.function.Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
