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
        4_000_000, List.of("avc1.64001f", "mp4a.40.2"), ChannelMetadata.Video.of(1280, 720, 29.97), 12);
  }

  /** A record as a later version could sign it: with a field this build does not know. */
  private static ChannelMetadata fromLaterVersion(ChannelMetadata.Video video, ChannelMetadata.Field... fields) {
    ChannelMetadata unsigned = new ChannelMetadata("Later", "", 1, List.of("avc1.64001f"), video, List.of(fields), 9,
        new byte[64]);
    return new ChannelMetadata("Later", "", 1, List.of("avc1.64001f"), video, List.of(fields), 9,
        KEY.sign(unsigned.signedBytes(KEY.id())));
  }

  @Test
  void videoFieldRoundTripsWithItsLayout() {
    ChannelMetadata m = ChannelMetadata.sign(KEY, "N", "", 1, List.of(), ChannelMetadata.Video.of(854, 480, 25), 5);
    byte[] bytes = ChannelMetadataCodec.encode(m);
    // ... codec count 0, then tag 1, length 8, width 854, height 480, 25000 frames per 1000 s
    assertEquals("00" + "01" + "0008" + "0356" + "01e0" + "000061a8",
        HexFormat.of().formatHex(bytes, 21, bytes.length - 64));
    ChannelMetadata back = ChannelMetadataCodec.decode(bytes);
    assertEquals(m, back);
    assertEquals(new ChannelMetadata.Video(854, 480, 25_000), back.video());
    assertEquals(25.0, back.video().frameRate());
    assertTrue(back.verify(KEY.id()));
    assertEquals(29_970, ChannelMetadata.Video.of(1280, 720, 30000 / 1001.0).frameRateMillis());
  }

  @Test
  void aFieldFromALaterVersionIsKeptSoTheRecordVerifiesAndPassesOnUnchanged() {
    ChannelMetadata later = fromLaterVersion(ChannelMetadata.Video.of(640, 360, 50),
        new ChannelMetadata.Field(2, new byte[] {1, 2, 3}), new ChannelMetadata.Field(200, new byte[0]));
    byte[] bytes = ChannelMetadataCodec.encode(later);
    ChannelMetadata read = ChannelMetadataCodec.decode(bytes);
    assertTrue(read.verify(KEY.id()));
    assertEquals(new ChannelMetadata.Video(640, 360, 50_000), read.video());
    assertEquals(List.of(new ChannelMetadata.Field(2, new byte[] {1, 2, 3}), new ChannelMetadata.Field(200, new byte[0])),
        read.unknownFields());
    assertArrayEquals(bytes, ChannelMetadataCodec.encode(read));
    // Without the video field, an unknown one alone also reads.
    ChannelMetadata noVideo = fromLaterVersion(null, new ChannelMetadata.Field(9, new byte[] {7}));
    ChannelMetadata back = ChannelMetadataCodec.decode(ChannelMetadataCodec.encode(noVideo));
    assertEquals(null, back.video());
    assertTrue(back.verify(KEY.id()));
  }

  @Test
  void tamperingWithTheFormatFailsVerification() {
    ChannelMetadata m = sample();
    ChannelMetadata otherSize = new ChannelMetadata(m.name(), m.description(), m.bitrate(), m.codecs(),
        ChannelMetadata.Video.of(1920, 1080, 29.97), m.unknownFields(), m.sequence(), m.signature());
    assertFalse(otherSize.verify(KEY.id()));
    ChannelMetadata otherCodecs = new ChannelMetadata(m.name(), m.description(), m.bitrate(),
        List.of("hvc1.1.6.L93.B0", "mp4a.40.2"), m.video(), m.unknownFields(), m.sequence(), m.signature());
    assertFalse(otherCodecs.verify(KEY.id()));
    ChannelMetadata withoutVideo = new ChannelMetadata(m.name(), m.description(), m.bitrate(), m.codecs(),
        m.sequence(), m.signature());
    assertFalse(withoutVideo.verify(KEY.id()));
    ChannelMetadata withField = new ChannelMetadata(m.name(), m.description(), m.bitrate(), m.codecs(), m.video(),
        List.of(new ChannelMetadata.Field(5, new byte[1])), m.sequence(), m.signature());
    assertFalse(withField.verify(KEY.id()));
  }

  @Test
  void badFieldsAreRejectedPrecisely() {
    byte[] base = ChannelMetadataCodec.encode(ChannelMetadata.sign(KEY, "N", "", 1, List.of(), 5));
    // base: 22 bytes of body (sequence, bitrate, name "N", empty description, no codecs), then the signature
    assertEquals("metadata field tag 2 at offset 25 after tag 3: fields come once each, in increasing tag order",
        rejection(withFields(base, "03 0000", "02 0000")));
    assertEquals("metadata field tag 4 at offset 25 after tag 4: fields come once each, in increasing tag order",
        rejection(withFields(base, "04 0000", "04 0000")));
    assertEquals("metadata field 4 at offset 22 is 9 bytes, only 8 remain before the signature",
        rejection(withFields(base, "04 0009 0000000000000000")));
    assertEquals("metadata has 2 bytes at offset 22 before its 64-byte signature, too few for a field header (3)",
        rejection(withFields(base, "0400")));
    assertEquals("metadata video field is 4 bytes, not 8", rejection(withFields(base, "01 0004 00010001")));
    assertEquals("bad metadata video field: video size 0x480 is not 1..65535 each way",
        rejection(withFields(base, "01 0008 0000 01e0 00000000")));
    assertEquals("bad metadata video field: frame rate is negative: -1",
        rejection(withFields(base, "01 0008 0001 0001 ffffffff")));
    assertMessage("field tag 1 is the video field, known to this build", () -> new ChannelMetadata("n", "", 0,
        List.of(), null, List.of(new ChannelMetadata.Field(1, new byte[8])), 0, new byte[64]));
    assertMessage("field tag 3 after tag 3: fields come once each, in increasing tag order",
        () -> new ChannelMetadata("n", "", 0, List.of(), null,
            List.of(new ChannelMetadata.Field(3, new byte[0]), new ChannelMetadata.Field(3, new byte[0])), 0,
            new byte[64]));
    assertMessage("metadata record of 4145 bytes is over the 4096-byte limit",
        () -> new ChannelMetadata("n", "", 0, List.of(), null, List.of(new ChannelMetadata.Field(2, new byte[4056])), 0,
            new byte[64]));
  }

  /** {@code record} with the fields (hex, spaces ignored) put between its body and its signature. */
  private static byte[] withFields(byte[] record, String... fields) {
    byte[] extra = HexFormat.of().parseHex(String.join("", fields).replace(" ", ""));
    int body = record.length - 64;
    byte[] out = new byte[record.length + extra.length];
    System.arraycopy(record, 0, out, 0, body);
    System.arraycopy(extra, 0, out, body, extra.length);
    System.arraycopy(record, body, out, body + extra.length, 64);
    return out;
  }

  private static String rejection(byte[] bytes) {
    return assertThrows(MalformedRecordException.class, () -> ChannelMetadataCodec.decode(bytes)).getMessage();
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
    // Bytes past the end read as the start of a field, and two are too few for one.
    assertEquals("metadata has 2 bytes at offset " + (bytes.length - 64) + " before its 64-byte signature,"
            + " too few for a field header (3)",
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
        Long.MAX_VALUE, Collections.nCopies(16, "c".repeat(64)),
        new ChannelMetadata.Video(0xFFFF, 0xFFFF, Integer.MAX_VALUE), Long.MAX_VALUE);
    assertEquals(2252, ChannelMetadataCodec.encode(m).length);
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
