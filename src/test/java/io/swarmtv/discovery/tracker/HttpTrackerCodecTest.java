package io.swarmtv.discovery.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.bencode.BDictionary;
import io.swarmtv.discovery.bencode.BList;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTrackerCodecTest {
  static final InfoHash HASH = InfoHash.parseHex("00112233445566778899aabbccddeeff2d2e5f7e");
  static final AnnounceRequest REQUEST = new AnnounceRequest(HASH, PeerIdBytes.random(new SecureRandom()), 6881,
      AnnounceEvent.STARTED, 1, 50, 0x1234abcd);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void announceUrlCarriesTheBinaryInfoHashPercentEncodedAndTheEvent() {
    URI uri = HttpTrackerCodec.announceUri(URI.create("http://t.example:6969/announce"), REQUEST);
    String q = uri.getRawQuery();
    assertTrue(q.startsWith("info_hash=%00%11%223DUfw%88%99%AA%BB%CC%DD%EE%FF-._~&peer_id=-ST0001-"), q);
    assertTrue(q.contains("&port=6881&uploaded=0&downloaded=0&left=1&compact=1&numwant=50&key=1234abcd&event=started"), q);
    assertEquals("/announce", uri.getPath());
  }

  @Test
  void aRegularAnnounceLeavesTheEventOutAndAnExistingQueryIsKept() {
    URI uri = HttpTrackerCodec.announceUri(URI.create("https://t.example/announce?passkey=abc"),
        REQUEST.withEvent(AnnounceEvent.NONE));
    assertTrue(uri.getRawQuery().startsWith("passkey=abc&info_hash="), uri.toString());
    assertTrue(!uri.getRawQuery().contains("event="), uri.toString());
  }

  @Test
  void scrapeUrlFollowsTheAnnounceConvention() {
    assertEquals("http://t.example:80/scrape?info_hash=%00%11%223DUfw%88%99%AA%BB%CC%DD%EE%FF-._~",
        HttpTrackerCodec.scrapeUri(URI.create("http://t.example:80/announce"), HASH).toString());
    assertEquals("http://t.example/x/scrape.php?info_hash=%00%11%223DUfw%88%99%AA%BB%CC%DD%EE%FF-._~",
        HttpTrackerCodec.scrapeUri(URI.create("http://t.example/x/announce.php"), HASH).toString());
    TrackerException e = assertThrows(TrackerException.class,
        () -> HttpTrackerCodec.scrapeUri(URI.create("http://t.example/a"), HASH));
    assertTrue(e.getMessage().contains("cannot be scraped"), e.getMessage());
  }

  @Test
  void readsCompactIpv4AndIpv6PeersAndTheCounts() {
    byte[] peers = {127, 0, 0, 1, 0x1a, (byte) 0xe1, 10, 0, 0, 7, 0, 0 /* port 0: skipped */};
    byte[] peers6 = new byte[18];
    peers6[15] = 1;
    peers6[16] = 0x1a;
    peers6[17] = (byte) 0xe2;
    byte[] body = BDictionary.builder().put("interval", 1800).put("min interval", 900).put("complete", 3)
        .put("incomplete", 4).put("peers", peers).put("peers6", peers6).put("warning message", "be nice")
        .build().encode();
    AnnounceReply r = HttpTrackerCodec.parseAnnounce(body);
    assertEquals(1800, r.intervalSeconds());
    assertEquals(900, r.minIntervalSeconds());
    assertEquals(3, r.seeders());
    assertEquals(4, r.leechers());
    assertEquals("be nice", r.warning());
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 6881), new InetSocketAddress("::1", 6882)), r.peers());
  }

  @Test
  void readsTheOriginalDictionaryPeerList() {
    byte[] body = BDictionary.builder().put("interval", 60)
        .put("peers", BList.of(BDictionary.builder().put("ip", "192.168.1.9").put("port", 7000)
            .put("peer id", "xxxxxxxxxxxxxxxxxxxx").build()))
        .build().encode();
    AnnounceReply r = HttpTrackerCodec.parseAnnounce(body);
    assertEquals(List.of(new InetSocketAddress("192.168.1.9", 7000)), r.peers());
    assertEquals(-1, r.seeders());
    assertNull(r.warning());
  }

  @Test
  void aFailureReasonIsTheTrackersOwnWords() {
    byte[] body = bytes("d14:failure reason21:info_hash not allowede");
    TrackerException e = assertThrows(TrackerException.class, () -> HttpTrackerCodec.parseAnnounce(body));
    assertEquals("tracker refused: \"info_hash not allowed\"", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<html>500</html>",
      "d8:intervali60e5:peers5:abcdee",
      "d5:peers0:e",
      "d8:intervali0ee",
      "d8:intervali60e5:peersi3ee",
      "d8:intervali60e5:peersld2:ip9:localhost4:porti80eeee",
      "d8:intervali60e5:peersld2:ip9:127.0.0.14:porti70000eeee",
      "d8:intervali60e6:peers67:xxxxxxxe",
      "l8:intervali60ee",
  })
  void malformedRepliesAreRefusedWithAMessage(String body) {
    TrackerException e = assertThrows(TrackerException.class, () -> HttpTrackerCodec.parseAnnounce(bytes(body)));
    assertTrue(e.getMessage().startsWith("tracker reply"), e.getMessage());
  }

  @Test
  void readsTheScrapeEntryForOurSwarm() {
    String key = new String(HASH.bytes(), StandardCharsets.ISO_8859_1);
    byte[] body = BDictionary.builder().put("files", BDictionary.builder().put(key,
        BDictionary.builder().put("complete", 2).put("incomplete", 5).put("downloaded", 9).build()).build())
        .build().encode();
    assertEquals(new ScrapeReply(2, 5, 9), HttpTrackerCodec.parseScrape(body, HASH));
    byte[] empty = BDictionary.builder().put("files", BDictionary.builder().build()).build().encode();
    assertEquals(new ScrapeReply(0, 0, 0), HttpTrackerCodec.parseScrape(empty, HASH));
  }
}
