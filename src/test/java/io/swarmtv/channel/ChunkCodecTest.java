package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkCodecTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChunkVerifier VERIFIER = new ChunkVerifier(KEY.id());

  private static Chunk chunk(int payloadLength) {
    byte[] payload = new byte[payloadLength];
    new Random(payloadLength).nextBytes(payload);
    return ChunkSignature.sign(KEY, 7, 1_700_000_000_123_456L, 480_000, ChunkFlags.PART_START, 0,
        payload);
  }

  @Test
  void layout() {
    Chunk c = ChunkSignature.sign(KEY, 0x0102030405060708L, 0x1112131415161718L, 0x21222324,
        ChunkFlags.SEGMENT_START, 0x31323334, new byte[] {(byte) 0xAA, (byte) 0xBB});
    byte[] bytes = ChunkCodec.encode(c);
    assertEquals(29 + 2 + 64, bytes.length);
    assertEquals("0102030405060708" + "1112131415161718" + "21222324" + "02" + "31323334"
        + "00000002" + "aabb", java.util.HexFormat.of().formatHex(bytes, 0, 31));
    assertArrayEquals(c.signature(), java.util.Arrays.copyOfRange(bytes, 31, 95));
  }

  @Test
  void roundTrips() {
    for (int length : new int[] {0, 1, 188, 7 * 188, Chunk.MAX_PAYLOAD}) {
      Chunk c = chunk(length);
      byte[] bytes = ChunkCodec.encode(c);
      assertEquals(ChunkCodec.encodedLength(c), bytes.length);
      Chunk back = ChunkCodec.decode(bytes);
      assertEquals(c, back);
      assertTrue(VERIFIER.verify(back));
    }
  }

  @Test
  void encodesIntoABufferAtItsPositionAndDecodesFromASlice() {
    Chunk c = chunk(188);
    ByteBuffer out = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 99);
    ChunkCodec.encode(c, out);
    assertEquals(1 + ChunkCodec.encodedLength(c), out.position());
    out.flip().position(1);
    assertEquals(c, ChunkCodec.decode(out));
    assertFalse(out.hasRemaining(), "decode consumes the record");
  }

  @Test
  void encodeRefusesABufferTooSmall() {
    Chunk c = chunk(10);
    ByteBuffer out = ByteBuffer.allocate(50);
    assertEquals("chunk needs 103 bytes, buffer has 50",
        assertThrows(IllegalArgumentException.class, () -> ChunkCodec.encode(c, out)).getMessage());
    assertEquals(0, out.position());
  }

  @Test
  void everyTruncationIsReportedPrecisely() {
    byte[] bytes = ChunkCodec.encode(chunk(300));
    for (int length = 0; length < bytes.length; length++) {
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
      MalformedRecordException e =
          assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(in));
      String expected = length < 29
          ? "truncated chunk: " + length + " bytes, but the header alone is 29"
          : "truncated chunk: " + length + " bytes, but a chunk with a 300-byte payload is 393";
      assertEquals(expected, e.getMessage());
      assertEquals(0, in.position(), "a failed decode leaves the position alone");
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] bytes = java.util.Arrays.copyOf(ChunkCodec.encode(chunk(5)), 29 + 5 + 64 + 3);
    assertEquals("3 trailing bytes after a 98-byte chunk",
        assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(bytes)).getMessage());
  }

  @Test
  void oversizedPayloadIsRejectedBeforeAllocating() {
    byte[] bytes = ChunkCodec.encode(chunk(0));
    ByteBuffer.wrap(bytes).putInt(25, Chunk.MAX_PAYLOAD + 1);
    assertEquals("chunk payload length 16385 exceeds the maximum 16384",
        assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(bytes)).getMessage());
    ByteBuffer.wrap(bytes).putInt(25, -1);
    assertEquals("chunk payload length 4294967295 exceeds the maximum 16384",
        assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(bytes)).getMessage());
  }

  @Test
  void unknownFlagsAndNegativeFieldsAreRejected() {
    byte[] bytes = ChunkCodec.encode(chunk(0));
    bytes[20] = (byte) 0x88;
    assertEquals("unknown chunk flags 0x88",
        assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(bytes)).getMessage());
    byte[] negative = ChunkCodec.encode(chunk(0));
    negative[0] = (byte) 0x80;
    assertTrue(assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(negative))
        .getMessage().startsWith("bad chunk: chunk sequence is negative"));
    byte[] negativeEpoch = ChunkCodec.encode(chunk(0));
    negativeEpoch[21] = (byte) 0xFF;
    assertTrue(assertThrows(MalformedRecordException.class, () -> ChunkCodec.decode(negativeEpoch))
        .getMessage().startsWith("bad chunk: key epoch is negative"));
  }

  @Test
  void flippingAnyBitOfAnEncodedChunkFailsDecodeOrVerify() {
    Chunk c = chunk(40);
    byte[] bytes = ChunkCodec.encode(c);
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] tampered = bytes.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(tampered, "bit " + bit);
    }
  }

  @Test
  void replacingAnyByteOfAnEncodedChunkFailsDecodeOrVerify() {
    Chunk c = chunk(40);
    byte[] bytes = ChunkCodec.encode(c);
    for (int i = 0; i < bytes.length; i++) {
      for (int value : new int[] {0x00, 0xFF, bytes[i] + 1}) {
        if ((byte) value == bytes[i]) {
          continue;
        }
        byte[] tampered = bytes.clone();
        tampered[i] = (byte) value;
        assertRejected(tampered, "byte " + i + " = " + value);
      }
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomBytesNeverCrashDecode(long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[random.nextInt(2 * ChunkCodec.HEADER_LENGTH + 200)];
    random.nextBytes(bytes);
    decodeOrReject(bytes);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomBytesBehindAPlausibleHeaderNeverCrashDecodeOrVerify(long seed) {
    // Purely random headers almost always fail the length check; this reaches the later ones.
    Random random = new Random(seed);
    int payloadLength = random.nextInt(300);
    byte[] bytes = new byte[ChunkCodec.HEADER_LENGTH + payloadLength + 64 + random.nextInt(3) - 1];
    random.nextBytes(bytes);
    ByteBuffer.wrap(bytes).putInt(25, payloadLength);
    if (random.nextBoolean()) {
      bytes[20] &= ChunkFlags.ALL;
      bytes[0] &= 0x7F;
      bytes[16] &= 0x7F;
      bytes[21] &= 0x7F;
    }
    Chunk c = decodeOrReject(bytes);
    if (c != null) {
      assertFalse(VERIFIER.verify(c));
    }
  }

  private static Chunk decodeOrReject(byte[] bytes) {
    try {
      return ChunkCodec.decode(bytes);
    } catch (MalformedRecordException e) {
      assertFalse(e.getMessage().isBlank());
      return null;
    }
  }

  private static void assertRejected(byte[] tampered, String what) {
    Chunk decoded;
    try {
      decoded = ChunkCodec.decode(tampered);
    } catch (MalformedRecordException e) {
      return;
    }
    assertFalse(VERIFIER.verify(decoded), what);
    assertFalse(ChunkSignature.verify(KEY.id(), decoded), what);
  }
}
