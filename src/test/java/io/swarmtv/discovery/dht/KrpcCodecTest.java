package io.swarmtv.discovery.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KrpcCodecTest {
  private static final NodeId ABC = NodeId.of(ascii("abcdefghij0123456789"));
  private static final NodeId MNO = NodeId.of(ascii("mnopqrstuvwxyz123456"));

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static KrpcMessage decode(String s) {
    byte[] b = ascii(s);
    return KrpcCodec.decode(b, 0, b.length);
  }

  @Test
  void readsAndWritesBep5Examples() {
    String ping = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe";
    KrpcQuery q = assertInstanceOf(KrpcQuery.class, decode(ping));
    assertEquals(new PingQuery(ABC), q.query());
    assertArrayEquals(ascii("aa"), q.transaction().bytes());
    assertArrayEquals(ascii(ping), KrpcCodec.encode(q));

    String readOnlyPing = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping2:roi1e1:t2:aa1:y1:qe";
    KrpcQuery ro = (KrpcQuery) decode(readOnlyPing);
    assertTrue(ro.readOnly());
    assertFalse(q.readOnly());
    assertArrayEquals(ascii(readOnlyPing), KrpcCodec.encode(ro));

    String pong = "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re";
    KrpcResponse r = assertInstanceOf(KrpcResponse.class, decode(pong));
    assertEquals(MNO, r.sender());
    assertArrayEquals(ascii(pong), KrpcCodec.encode(r));

    String announce = "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz123456"
        + "4:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe";
    AnnouncePeerQuery a = assertInstanceOf(AnnouncePeerQuery.class, ((KrpcQuery) decode(announce)).query());
    assertEquals(MNO, a.infoHash());
    assertTrue(a.impliedPort());
    assertEquals(6881, a.port());
    assertArrayEquals(ascii("aoeusnth"), a.token());

    KrpcError e = assertInstanceOf(KrpcError.class, decode("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee"));
    assertEquals(201, e.code());
    assertEquals("A Generic Error Ocurred", e.message());
  }

  @Test
  void getPeersAnswerRoundTripsNodesPeersAndToken() throws Exception {
    Random random = new Random(1);
    List<NodeContact> nodes = List.of(
        new NodeContact(NodeId.random(random), new InetSocketAddress("10.1.2.3", 6881)),
        new NodeContact(NodeId.random(random), new InetSocketAddress("192.168.0.9", 65535)));
    List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", 7000),
        new InetSocketAddress("8.8.4.4", 1));
    KrpcResponse sent = new KrpcResponse(new TransactionId(new byte[] {1, 2}), ABC, nodes, peers, ascii("tok"));
    KrpcResponse back = (KrpcResponse) KrpcCodec.decode(KrpcCodec.encode(sent), 0, KrpcCodec.encode(sent).length);
    assertEquals(nodes, back.nodes());
    assertEquals(peers, back.peers());
    assertArrayEquals(ascii("tok"), back.token());
    assertEquals(sent.transaction(), back.transaction());

    for (DhtQuery q : List.of(new FindNodeQuery(ABC, MNO), new GetPeersQuery(MNO, ABC))) {
      byte[] b = KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {9}), q));
      assertEquals(q, ((KrpcQuery) KrpcCodec.decode(b, 0, b.length)).query());
    }
  }

  @Test
  void unknownKeysAreIgnoredAndIpv6ValuesSkipped() {
    String r = "d2:ip6:abcdef1:rd2:id20:mnopqrstuvwxyz1234565:token1:x6:valuesl6:\u007f\u0000\u0000\u0001\u0004\u000018:"
        + "0123456789abcdef01ee1:t1:z1:v4:LT011:y1:re";
    KrpcResponse resp = (KrpcResponse) decode(r);
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1024)), resp.peers());
    assertNull(KrpcResponse.bare(resp.transaction(), MNO).token());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe | 'id' is 19 bytes, not 20",
      "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe1 | trailing bytes",
      "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:y1:qe | transaction id 't' missing",
      "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t17:abcdefghijklmnopq1:y1:qe | transaction id 't' missing or not 1 to 16 bytes",
      "d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:aa1:y1:qe | unknown method 'vote'",
      "d1:ad2:id20:abcdefghij0123456789e1:t2:aa1:y1:qe | missing key 'q'",
      "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti0e5:token2:xxe1:q13:announce_peer1:t2:aa1:y1:qe | port 0 is outside 1..65535",
      "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti70000e5:token2:xxe1:q13:announce_peer1:t2:aa1:y1:qe | port 70000 is outside",
      "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti80ee1:q13:announce_peer1:t2:aa1:y1:qe | missing key 'token'",
      "d1:rd2:id20:mnopqrstuvwxyz1234565:nodes5:abcdee1:t2:aa1:y1:re | compact nodes of 5 bytes, not a multiple of 26",
      "d1:rd2:id20:mnopqrstuvwxyz1234566:valuesli3eee1:t2:aa1:y1:re | 'values' holds a integer",
      "d1:rd2:id20:mnopqrstuvwxyz1234565:token0:e1:t2:aa1:y1:re | token of 0 bytes",
      "d1:t2:aa1:y1:xe | message type 'y'",
      "d1:eli201ee1:t2:aa1:y1:ee | error 'e' is not [code, message]",
      "li1ee | expected a dictionary at the top",
      "d1:t2:aa1:y1:q1:q4:ping1:ai3ee | key 'a' holds a integer",
      "d1:ad2:id20:abc | runs past the end of the input",
  })
  void refusesMalformedMessagesSayingWhy(String input, String expected) {
    KrpcException e = assertThrows(KrpcException.class, () -> decode(input.strip()));
    assertTrue(e.getMessage().contains(expected.strip()), () -> "message: " + e.getMessage());
  }

  @Test
  void malformedQueryKeepsItsTransactionSoItCanBeAnsweredWithAnError() {
    KrpcException e = assertThrows(KrpcException.class,
        () -> decode("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:zz1:y1:qe"));
    assertTrue(e.wasQuery());
    assertEquals(KrpcException.METHOD_UNKNOWN, e.code());
    assertArrayEquals(ascii("zz"), e.transaction().bytes());

    KrpcException r = assertThrows(KrpcException.class,
        () -> decode("d1:rd2:id3:abce1:t2:zz1:y1:re"));
    assertFalse(r.wasQuery());
    assertEquals(KrpcException.PROTOCOL_ERROR, r.code());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomBytesAreRefusedCleanly(long seed) {
    Random random = new Random(seed);
    byte[] good = KrpcCodec.encode(new KrpcResponse(new TransactionId(new byte[] {1, 2}), ABC,
        List.of(new NodeContact(MNO, new InetSocketAddress("10.0.0.1", 80))), List.of(new InetSocketAddress("10.0.0.2", 81)),
        ascii("token")));
    for (int i = 0; i < 2_000; i++) {
      byte[] b = good.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      int len = random.nextInt(b.length + 1);
      try {
        KrpcCodec.decode(b, 0, len);
      } catch (KrpcException expected) {
        assertFalse(expected.getMessage().isBlank());
      }
    }
  }

  @Test
  void nodeIdDistanceAndPrefixes() {
    byte[] zero = new byte[20];
    byte[] one = new byte[20];
    one[19] = 1;
    byte[] top = new byte[20];
    top[0] = (byte) 0x80;
    NodeId a = NodeId.of(zero);
    assertEquals(159, a.sharedPrefixBits(NodeId.of(one)));
    assertEquals(0, a.sharedPrefixBits(NodeId.of(top)));
    assertEquals(160, a.sharedPrefixBits(a));
    assertTrue(a.compareDistance(NodeId.of(one), NodeId.of(top)) < 0);
    Random random = new Random(3);
    NodeId own = NodeId.random(random);
    for (int bits = 0; bits < 160; bits += 7) {
      assertEquals(bits, own.sharedPrefixBits(own.randomWithPrefix(bits, random)));
    }
    assertThrows(IllegalArgumentException.class, () -> NodeId.of(new byte[19]));
  }
}
