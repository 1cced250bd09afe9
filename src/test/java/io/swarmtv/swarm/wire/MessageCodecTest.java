package io.swarmtv.swarm.wire;

import static io.swarmtv.swarm.wire.SampleMessages.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelMetadataCodec;
import io.swarmtv.channel.ChunkCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

  static byte[] frame(long length, int type, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).putInt((int) length).put((byte) type).put(body)
        .array();
  }

  static byte[] frame(int type, byte[] body) {
    return frame(1 + body.length, type, body);
  }

  static String rejection(byte[] bytes) {
    return assertThrows(ProtocolException.class, () -> MessageCodec.decode(bytes)).getMessage();
  }

  @Test
  void everyMessageRoundTrips() throws ProtocolException {
    for (PeerMessage m : SampleMessages.all()) {
      byte[] bytes = MessageCodec.encode(m);
      assertEquals(MessageCodec.frameLength(m), bytes.length, m.toString());
      assertEquals(List.of(m), MessageCodec.decode(bytes), m.toString());
      ByteBuffer body = ByteBuffer.wrap(bytes, 5, bytes.length - 5);
      assertEquals(m, m.type().decodeBody(body));
      assertFalse(body.hasRemaining(), "decodeBody consumes the body");
    }
  }

  @Test
  void severalFramesInOneBufferDecodeInOrder() throws ProtocolException {
    List<PeerMessage> all = SampleMessages.all();
    assertEquals(all, MessageCodec.decode(SampleMessages.concat(all)));
  }

  @Test
  void encodesIntoABufferAtItsPositionWhateverItsByteOrder() throws ProtocolException {
    ByteBuffer out = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 99);
    MessageCodec.encode(new Have(7), out);
    assertEquals(1 + 13, out.position());
    out.flip().position(1);
    assertEquals(List.of(new Have(7)), MessageCodec.decode(out));
    assertFalse(out.hasRemaining());
  }

  @Test
  void encodeRefusesABufferTooSmall() {
    ByteBuffer out = ByteBuffer.allocate(12);
    assertEquals("have frame needs 13 bytes, buffer has 12",
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(new Have(1), out))
            .getMessage());
    assertEquals(0, out.position());
  }

  @Test
  void frameBoundIsOneLargestChunk() {
    assertEquals(1 + 29 + 16384 + 64, MessageCodec.MAX_FRAME_LENGTH);
    assertEquals(MessageCodec.MAX_FRAME_LENGTH,
        MessageCodec.frameLength(SampleMessages.fullChunk()) - 4);
    for (MessageType type : MessageType.values()) {
      if (type != MessageType.CHUNK) {
        assertTrue(type.maxBodyLength() <= ChannelMetadataCodec.MAX_LENGTH, type.toString());
      }
    }
  }

  @Test
  void layouts() {
    assertEquals("00000009" + "05" + "0000000000000007",
        hexOf(new Have(7)));
    assertEquals("00000009" + "02" + "0123456789abcdef", hexOf(new Ping(0x0123456789ABCDEFL)));
    assertEquals("00000009" + "03" + "ffffffffffffffff", hexOf(new Pong(-1)));
    assertEquals("0000000a" + "06" + "01" + "0000000000000007", hexOf(Request.of(7)));
    assertEquals("00000012" + "07" + "02" + "0000000000000007" + "0000000000000009",
        hexOf(Cancel.of(7, 9)));
    assertEquals("0000000b" + "09" + "3f" + "40" + "00000000000003e8",
        hexOf(new Subscribe(new SubStream(63, 64), 1000)));
    assertEquals("00000003" + "0a" + "02" + "04", hexOf(new Unsubscribe(new SubStream(2, 4))));
    // Sequences 5..17, held unless divisible by 3: 1011 0110 1101 1(000)
    assertEquals("0000000d" + "04" + "0000000000000005" + "000d" + "b6d8",
        hexOf(BufferMap.of(5, 13, s -> s % 3 != 0)));
    assertEquals("00000014" + "01" + "04" + "11" + HexFormat.of().formatHex(
        "forged chunk 1234".getBytes()), hexOf(new Goodbye(GoodbyeReason.BANNED,
        "forged chunk 1234")));
    assertEquals("0000001d" + "0b"
            + "01" + "04" + "c0000201" + "1ae1"
            + "01" + "06" + "20010db8000000000000000000000001" + "01bb",
        hexOf(new PeerExchange(List.of(SampleMessages.address("192.0.2.1", 6881)),
            List.of(SampleMessages.address("2001:db8::1", 443)))));
    Handshake h = SampleMessages.handshake();
    assertEquals("0000004b" + "00" + "737761726d747600" + "0001" + "0001"
            + HexFormat.of().formatHex(SampleMessages.KEY.id().bytes()) + "00".repeat(20)
            + "1ae1" + "000000000000000f",
        hexOf(h));
    ChunkMessage c = new ChunkMessage(SampleMessages.chunk(188));
    byte[] chunkFrame = MessageCodec.encode(c);
    assertEquals("0000011a" + "08", HexFormat.of().formatHex(chunkFrame, 0, 5));
    assertArrayEquals(ChunkCodec.encode(c.chunk()),
        Arrays.copyOfRange(chunkFrame, 5, chunkFrame.length));
  }

  private static String hexOf(PeerMessage m) {
    return HexFormat.of().formatHex(MessageCodec.encode(m));
  }

  @Test
  void everyTruncatedFrameIsReportedPrecisely() {
    for (PeerMessage m : SampleMessages.all()) {
      byte[] bytes = MessageCodec.encode(m);
      int bodyLength = bytes.length - 5;
      for (int length = 1; length < bytes.length; length++) {
        String expected;
        if (length < 4) {
          expected = "truncated frame at offset 0: " + length
              + " bytes, the length field alone is 4";
        } else if (length == 4) {
          expected = "truncated frame at offset 0: no type byte after the length field";
        } else {
          expected = "truncated " + m.type().label() + " frame at offset 0: body of "
              + bodyLength + " bytes, " + (length - 5) + " remain";
        }
        assertEquals(expected, rejection(Arrays.copyOf(bytes, length)), m + " cut at " + length);
      }
    }
  }

  @Test
  void truncatedFrameAfterAWholeOneGivesItsOffset() {
    byte[] bytes = SampleMessages.concat(List.of(new Have(1), new Have(2)));
    assertEquals("truncated have frame at offset 13: body of 8 bytes, 7 remain",
        rejection(Arrays.copyOf(bytes, bytes.length - 1)));
  }

  /** A frame whose length field agrees with a body cut short: the body decoder names the field. */
  @Test
  void everyTruncatedBodyIsReportedByItsMessage() {
    for (PeerMessage m : SampleMessages.all()) {
      byte[] body = Arrays.copyOfRange(MessageCodec.encode(m), 5, MessageCodec.frameLength(m));
      for (int length = 0; length < body.length; length++) {
        String message = rejection(frame(m.type().code(), Arrays.copyOf(body, length)));
        assertTrue(message.startsWith(m.type().label() + ": "), m + " cut at " + length + ": "
            + message);
        assertTrue(message.contains("truncated"), message);
      }
    }
  }

  @Test
  void truncatedBodyMessagesNameTheField() {
    assertEquals("have: truncated body: sequence needs 8 bytes at offset 0, 7 remain",
        rejection(frame(0x05, new byte[7])));
    assertEquals("request: truncated body: sequence 1 needs 8 bytes at offset 9, 3 remain",
        rejection(frame(0x06, hex("02 0000000000000001 000000"))));
    assertEquals("peer exchange: truncated body: added address 0 needs 16 bytes at offset 2,"
        + " 4 remain", rejection(frame(0x0B, hex("01 06 20010db8"))));
    assertEquals("handshake: truncated body: magic needs 8 bytes at offset 0, 0 remain",
        rejection(frame(0x00, new byte[0])));
    assertEquals("chunk: truncated chunk: 3 bytes, but the header alone is 29",
        rejection(frame(0x08, new byte[3])));
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void aLengthOneOverTheTypesBoundIsRejectedFromTheHeaderAlone(MessageType type) {
    long length = 1 + type.maxBodyLength() + 1;
    byte[] header = frame(length, type.code(), new byte[0]); // no body at all: never buffered
    String expected = type == MessageType.CHUNK
        ? "frame length 16479 over the maximum 16478 (type byte and the largest chunk)"
        : type.label() + " frame length " + length + " over the maximum " + (length - 1)
            + " (type byte and " + type.maxBodyLength() + " body bytes)";
    assertEquals(expected, rejection(header));
  }

  @ParameterizedTest
  @ValueSource(longs = {16479, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void anOversizeLengthFieldIsRejectedBeforeTheTypeByte(long length) {
    byte[] lengthField = ByteBuffer.allocate(4).putInt((int) length).array();
    assertEquals("frame length " + length
        + " over the maximum 16478 (type byte and the largest chunk)", rejection(lengthField));
  }

  @Test
  void aZeroLengthIsRejected() {
    assertEquals("frame length 0: a frame holds at least its type byte",
        rejection(hex("00000000")));
  }

  @Test
  void everyUnknownCoreTypeIsRejected() {
    for (int code = 0; code < MessageType.FIRST_EXTENSION; code++) {
      if (MessageType.forCode(code) != null) {
        continue;
      }
      assertEquals(String.format("unknown core message type 0x%02x: codes below 0x40 must be "
          + "known to every peer", code), rejection(frame(code, new byte[3])));
    }
  }

  @Test
  void extensionFramesAreSkippedAndTheNextMessageDecodes() throws ProtocolException {
    byte[] bytes = concat(
        MessageCodec.encode(new Have(1)),
        frame(0x40, new byte[100]),
        frame(0xFF, new byte[0]),
        frame(0x9A, new byte[MessageCodec.MAX_FRAME_LENGTH - 1]),
        MessageCodec.encode(new Ping(2)));
    assertEquals(List.of(new Have(1), new Ping(2)), MessageCodec.decode(bytes));
  }

  @Test
  void extensionFramesHaveTheGeneralBound() {
    assertEquals("frame length 16479 over the maximum 16478 (type byte and the largest chunk)",
        rejection(frame(16479, 0x40, new byte[0])));
    assertEquals("truncated extension 0x41 frame at offset 0: body of 10 bytes, 2 remain",
        rejection(frame(11, 0x41, new byte[2])));
  }

  @Test
  void trailingBytesInABodyAreRejected() {
    assertEquals("request: 8 trailing bytes after a 9-byte body",
        rejection(frame(0x06, hex("01 0000000000000001 0000000000000002"))));
    assertEquals("goodbye: 1 trailing bytes after a 4-byte body",
        rejection(frame(0x01, hex("00 02 6869 00"))));
    assertEquals("buffer map: 1 trailing bytes after a 11-byte body",
        rejection(frame(0x04, hex("0000000000000000 0008 ff 00"))));
    assertEquals("peer exchange: 2 trailing bytes after a 2-byte body",
        rejection(frame(0x0B, hex("00 00 0000"))));
    byte[] chunk = ChunkCodec.encode(SampleMessages.chunk(10));
    assertEquals("chunk: 1 trailing bytes after a 103-byte chunk",
        rejection(frame(0x08, Arrays.copyOf(chunk, chunk.length + 1))));
  }

  @Test
  void fixedSizeBodiesOneByteLongAreRejectedFromTheHeader() {
    assertEquals("have frame length 10 over the maximum 9 (type byte and 8 body bytes)",
        rejection(frame(0x05, new byte[9])));
    assertEquals("handshake frame length 76 over the maximum 75 (type byte and 74 body bytes)",
        rejection(frame(0x00, new byte[75])));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
