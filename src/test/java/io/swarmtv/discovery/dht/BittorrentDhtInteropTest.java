package io.swarmtv.discovery.dht;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our node against real Mainline DHT nodes (npm bittorrent-dht), all on loopback. */
class BittorrentDhtInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void pingsBootstrapsAnnouncesAndFindsPeersWithRealNodes() throws Exception {
    try (BittorrentDhtPeer router = BittorrentDhtPeer.start();
        DhtNode ours = DhtNode.start(DhtSettings.of(InetAddress.getLoopbackAddress(), 0, List.of(router.address()), null)
            .withRetrackInterval(Duration.ofSeconds(2)))) {
      // Ping, and bootstrap from it: the real node answers with its id and takes us into its table.
      NodeId routerId = ours.ping(router.address()).get(10, TimeUnit.SECONDS);
      assertEquals(router.id, routerId.hex());
      LookupOutcome joined = ours.bootstrapped().get(30, TimeUnit.SECONDS);
      assertTrue(joined.closest().stream().anyMatch(n -> n.id().equals(routerId)), "bootstrap reached the router: " + joined);
      router.await("node", e -> e.get("id").asText().equals(ours.id().hex()), WAIT);

      // We announce; the real node stores us, and a second real node's get_peers finds our address.
      Random random = new Random(11);
      byte[] ourHash = new byte[20];
      random.nextBytes(ourHash);
      String ourHex = HexFormat.of().formatHex(ourHash);
      try (AutoCloseable tracking = ours.track(ourHash, 7777, p -> {})) {
        router.await("announce", e -> e.get("infoHash").asText().equals(ourHex) && e.get("port").asInt() == 7777
            && e.get("host").asText().equals("127.0.0.1"), WAIT);
        try (BittorrentDhtPeer seeker = BittorrentDhtPeer.start(router.address())) {
          seeker.command("lookup " + ourHex);
          seeker.await("peer", e -> e.get("infoHash").asText().equals(ourHex) && e.get("port").asInt() == 7777
              && e.get("host").asText().equals("127.0.0.1"), WAIT);

          // The other way: the real node announces, our get_peers finds it.
          byte[] theirHash = new byte[20];
          random.nextBytes(theirHash);
          String theirHex = HexFormat.of().formatHex(theirHash);
          seeker.command("announce " + theirHex + " 8888");
          seeker.await("announced", e -> e.get("infoHash").asText().equals(theirHex) && e.get("error").isNull(), WAIT);
          Set<InetSocketAddress> found = ConcurrentHashMap.newKeySet();
          try (AutoCloseable looking = ours.track(theirHash, 0, found::add)) {
            await().atMost(WAIT).until(() -> found.contains(new InetSocketAddress("127.0.0.1", 8888)));
          }
          assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8888)), found);
        }
      }
      DhtFigures figures = ours.figures();
      assertTrue(figures.nodes() >= 2, "router and seeker in our table: " + figures);
      assertTrue(figures.queriesIn() > 0 && figures.answersIn() > 0, figures.toString());
      assertEquals(0, figures.dropped(), "a real node's messages are all understood: " + figures);
    }
  }
}
