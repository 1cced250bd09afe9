package io.swarmtv.swarm.wire;

import static io.swarmtv.swarm.wire.MessageCodecTest.frame;
import static io.swarmtv.swarm.wire.MessageCodecTest.rejection;
import static io.swarmtv.swarm.wire.SampleMessages.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChunkCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each message's own rules: counts one over each bound, bad values; the same in constructors. */
class MessageBoundsTest {

  private static String illegal(Runnable construct) {
    return assertThrows(IllegalArgumentException.class, construct::run).getMessage();
  }

  @Test
  void bufferMapSpanOneOverTheBound() {
    assertEquals("buffer map: span 4097 over the maximum 4096",
        rejection(frame(0x04, hex("0000000000000000 1001"))));
    assertEquals("span 4097 is not 0..4096",
        illegal(() -> new BufferMap(0, 4097, new byte[513])));
  }

  @Test
  void bufferMapDeltaRules() {
    assertEquals("00000005" + "50" + "0003" + "03" + "a0",
        java.util.HexFormat.of().formatHex(MessageCodec.encode(new BufferMapDelta(3, 3, new byte[] {(byte) 0xA0}))));
    assertEquals("buffer map delta: bits set past the span of 3 in the last byte 0xf0",
        rejection(frame(0x50, hex("0001 03 f0"))));
    assertEquals("buffer map delta: truncated body: bits needs 32 bytes at offset 3, 1 remain",
        rejection(frame(0x50, hex("0001 ff 00"))));
    assertEquals("buffer map delta: 1 trailing bytes after a 4-byte body",
        rejection(frame(0x50, hex("0001 08 ff 00"))));
    assertEquals("buffer map delta frame length 40 over the maximum 36 (type byte and 35 body bytes)",
        rejection(frame(0x50, new byte[39])));
    assertEquals("base delta 65536 is not 0..65535", illegal(() -> new BufferMapDelta(65536, 0, new byte[0])));
    assertEquals("span 256 is not 0..255", illegal(() -> new BufferMapDelta(0, 256, new byte[32])));
    // Turned into a delta only when it fits one; resolved, it is the same map.
    BufferMap map = BufferMap.of(1000, 20, s -> s % 3 == 0);
    assertEquals(map, BufferMapDelta.of(map, 990).resolve(990));
    assertEquals(null, BufferMapDelta.of(map, -1), "no map before it");
    assertEquals(null, BufferMapDelta.of(map, 1001), "starts before the previous base");
    assertEquals(null, BufferMapDelta.of(map, 1000 - 65536), "too far after it");
    assertEquals(null, BufferMapDelta.of(BufferMap.of(1000, 256, s -> true), 1000), "spans too much");
    assertEquals("window of 255 from base sequence 9223372036854775807 overflows",
        illegal(() -> new BufferMapDelta(1, 255, new byte[32]).resolve(Long.MAX_VALUE - 1)));
  }

  @Test
  void bufferMapRules() {
    assertEquals("buffer map: bits set past the span of 3 in the last byte 0xf0",
        rejection(frame(0x04, hex("0000000000000000 0003 f0"))));
    assertEquals("buffer map: base sequence -1 is negative",
        rejection(frame(0x04, hex("ffffffffffffffff 0000"))));
    assertEquals("buffer map: window of 2 from base sequence 9223372036854775807 overflows",
        rejection(frame(0x04, hex("7fffffffffffffff 0002 c0"))));
    assertEquals("a span of 9 needs 2 bytes of bits, got 1",
        illegal(() -> new BufferMap(0, 9, new byte[1])));
  }

  @Test
  void bufferMapAnswersWhatItHolds() {
    BufferMap map = BufferMap.of(100, 20, s -> s % 2 == 0);
    assertTrue(map.holds(100));
    assertFalse(map.holds(101));
    assertTrue(map.holds(118));
    assertFalse(map.holds(120), "outside the window");
    assertFalse(map.holds(98), "before the window");
    assertEquals(10, map.count());
    assertEquals(List.of(100L, 102L, 104L), map.sequences().limit(3).boxed().toList());
    byte[] bits = map.bits();
    bits[0] = 0;
    assertTrue(map.holds(100), "bits() is a copy");
  }

  @ParameterizedTest
  @CsvSource({"6, request", "7, cancel"})
  void sequenceCountOneOverTheBound(int code, String label) {
    assertEquals(label + ": count 33 over the maximum 32", rejection(frame(code, hex("21"))));
    assertEquals(label + ": sequence count 0 is not 1..32", rejection(frame(code, hex("00"))));
    assertEquals(label + ": sequence 1 is negative: -2",
        rejection(frame(code, hex("02 0000000000000001 fffffffffffffffe"))));
  }

  @Test
  void sequenceListConstructors() {
    List<Long> tooMany = LongStream.range(0, 33).boxed().toList();
    assertEquals("sequence count 33 is not 1..32", illegal(() -> new Request(tooMany)));
    assertEquals("sequence count 33 is not 1..32", illegal(() -> new Cancel(tooMany)));
    assertEquals("sequence count 0 is not 1..32", illegal(() -> Request.of()));
  }

  @Test
  void haveRejectsANegativeSequence() {
    assertEquals("have: sequence -1 is negative", rejection(frame(0x05, hex("ffffffffffffffff"))));
  }

  @ParameterizedTest
  @CsvSource({
      "4, 4", // index not below count
      "0, 0", // no sub-streams
      "0, 65", // count over the bound
      "64, 65",
      "255, 255"})
  void badSubStreams(int index, int count) {
    String rule = "sub-stream " + index + " of " + count + " breaks 0 <= index < count <= 64";
    assertEquals("subscribe: " + rule, rejection(frame(0x09,
        ByteBuffer.allocate(10).put((byte) index).put((byte) count).putLong(5).array())));
    assertEquals("unsubscribe: " + rule,
        rejection(frame(0x0A, new byte[] {(byte) index, (byte) count})));
    assertEquals(rule, illegal(() -> new SubStream(index, count)));
  }

  @Test
  void subStreamsSplitTheSequences() {
    SubStream s = new SubStream(1, 3);
    assertTrue(s.carries(1));
    assertTrue(s.carries(4));
    assertFalse(s.carries(3));
    assertEquals("subscribe: from sequence -1 is negative", rejection(frame(0x09,
        hex("00 01 ffffffffffffffff"))));
  }

  @Test
  void peerExchangeCountsOneOverTheBound() {
    assertEquals("peer exchange: added count 51 over the maximum 50",
        rejection(frame(0x0B, hex("33"))));
    assertEquals("peer exchange: dropped count 51 over the maximum 50",
        rejection(frame(0x0B, hex("00 33"))));
    List<InetSocketAddress> many =
        Collections.nCopies(51, SampleMessages.address("192.0.2.1", 1));
    assertEquals("added count 51 over the maximum 50",
        illegal(() -> new PeerExchange(many, List.of())));
    assertEquals("dropped count 51 over the maximum 50",
        illegal(() -> new PeerExchange(List.of(), many)));
  }

  @ParameterizedTest
  @CsvSource({"0", "5", "16", "255"})
  void peerExchangeRejectsAnUnknownAddressFamily(int family) {
    byte[] body = ByteBuffer.allocate(9).put((byte) 1).put((byte) family)
        .put(hex("c0000201 1ae1")).put((byte) 0).array();
    assertEquals("peer exchange: added address 0 has family " + family
        + ", expected 4 (IPv4) or 6 (IPv6)", rejection(frame(0x0B, body)));
  }

  @Test
  void peerExchangeAddressRules() {
    assertEquals("peer exchange: dropped address 1 192.0.2.9 has port 0", rejection(frame(0x0B,
        hex("00 02 04 c0000201 0001 04 c0000209 0000"))));
    assertEquals("peer exchange: added address 0 192.0.2.1 is an IPv4-mapped IPv6 address;"
        + " IPv4 is sent with family 4",
        rejection(frame(0x0B, hex("01 06 00000000000000000000ffffc0000201 0050 00"))));
    // An IPv4 address given with family 6 reads 16 bytes and so runs off the end.
    assertEquals("peer exchange: truncated body: added address 0 needs 16 bytes at offset 2,"
        + " 7 remain", rejection(frame(0x0B, hex("01 06 c0000201 0050 00"))));
    assertEquals("added address 0 /192.0.2.1:0 has port 0", illegal(() -> new PeerExchange(
        List.of(new InetSocketAddress(SampleMessages.address("192.0.2.1", 1).getAddress(), 0)),
        List.of())));
    assertTrue(illegal(() -> new PeerExchange(
        List.of(InetSocketAddress.createUnresolved("example.org", 80)), List.of()))
        .endsWith("is not a resolved IPv4 or IPv6 address"));
  }

  @Test
  void goodbyeDetailOneOverTheBound() {
    assertEquals("goodbye: detail length 201 over the maximum 200",
        rejection(frame(0x01, hex("00 c9"))));
    assertEquals("detail is 201 bytes of UTF-8, more than 200",
        illegal(() -> new Goodbye(GoodbyeReason.CLOSING, "x".repeat(201))));
  }

  @Test
  void goodbyeDetailRules() {
    assertEquals("goodbye: detail is not valid UTF-8", rejection(frame(0x01, hex("00 02 c328"))));
    assertEquals("goodbye: detail has control character U+000A at index 1",
        rejection(frame(0x01, hex("00 03 410a42"))));
    assertEquals(new Goodbye(GoodbyeReason.OTHER, "later"),
        decode(frame(0x01, hex("2a 05 6c61746572"))), "unknown reason codes read as OTHER");
  }

  @Test
  void goodbyeBecauseMakesAnyTextFit() {
    Goodbye g = Goodbye.because(GoodbyeReason.PROTOCOL_ERROR, "line\nbreak: " + "é".repeat(300));
    assertTrue(g.detail().startsWith("line break: éé"));
    assertEquals(200, g.bodyLength() - 2);
    assertEquals("a?b", Goodbye.because(GoodbyeReason.CLOSING, "a\uD800b").detail());
    assertEquals("\uD83D\uDE00", Goodbye.because(GoodbyeReason.CLOSING, "\uD83D\uDE00").detail());
  }

  @Test
  void handshakeRules() {
    byte[] body = Arrays.copyOfRange(MessageCodec.encode(SampleMessages.handshake()), 5, 79);
    byte[] badMagic = body.clone();
    badMagic[0] = 'S';
    assertEquals("handshake: magic is 537761726d747600, expected 737761726d747600"
        + " (\"swarmtv\" 0x00): not a swarmtv peer", rejection(frame(0x00, badMagic)));
    byte[] backwards = body.clone();
    ByteBuffer.wrap(backwards).putShort(8, (short) 3).putShort(10, (short) 2);
    assertEquals("handshake: version range 3..2 must satisfy 1 <= min <= max <= 65535",
        rejection(frame(0x00, backwards)));
    byte[] zero = body.clone();
    ByteBuffer.wrap(zero).putShort(8, (short) 0);
    assertEquals("handshake: version range 0..1 must satisfy 1 <= min <= max <= 65535",
        rejection(frame(0x00, zero)));
    byte[] notAKey = body.clone();
    Arrays.fill(notAKey, 12, 44, (byte) 0xFF);
    assertEquals("handshake: channel id " + "ff".repeat(32) + " is not a valid Ed25519 public key",
        rejection(frame(0x00, notAKey)));
    assertEquals("listen port 65536 is not 0..65535", illegal(() -> new Handshake(
        VersionRange.SUPPORTED, SampleMessages.KEY.id(), PeerId.random(), 65536, 0)));
  }

  @Test
  void handshakeKeepsCapabilitiesItDoesNotKnow() {
    Handshake newer = new Handshake(new VersionRange(1, 5), SampleMessages.KEY.id(),
        PeerId.random(), 0, Capabilities.PEER_EXCHANGE | (1L << 63));
    Handshake back = (Handshake) decode(MessageCodec.encode(newer));
    assertEquals(newer, back);
    assertTrue(back.has(Capabilities.PEER_EXCHANGE));
    assertFalse(back.has(Capabilities.PUSH_SUBSTREAMS));
    assertEquals("pex|0x8000000000000000", Capabilities.describe(back.capabilities()));
  }

  @Test
  void chunkAndMetadataErrorsComeFromTheirCodecs() {
    byte[] chunk = ChunkCodec.encode(SampleMessages.chunk(10));
    ByteBuffer.wrap(chunk).putInt(25, 16385);
    assertEquals("chunk: chunk payload length 16385 exceeds the maximum 16384",
        rejection(frame(0x08, chunk)));
    byte[] flags = ChunkCodec.encode(SampleMessages.chunk(10));
    flags[20] = (byte) 0x80;
    assertEquals("chunk: unknown chunk flags 0x80", rejection(frame(0x08, flags)));
    assertTrue(rejection(frame(0x0C, new byte[20])).startsWith("metadata: truncated metadata"));
  }

  @Test
  void peerIdIsTwentyBytes() {
    assertEquals("peer id must be 20 bytes, was 19", illegal(() -> PeerId.of(new byte[19])));
    PeerId id = PeerId.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233"));
    assertEquals("00112233445566778899aabbccddeeff00112233", id.toString());
  }

  private static PeerMessage decode(byte[] frame) {
    try {
      List<PeerMessage> messages = MessageCodec.decode(frame);
      assertEquals(1, messages.size());
      return messages.get(0);
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
  }
}
