package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints what lookups cost and how well they do on an in-memory network of our own engines: queries
 * per find_node lookup and how many of the true 8 closest nodes it returns, and datagrams per
 * get_peers-and-announce. A measurement, not a test; run it with the command in the report.
 *
 * <p>Arguments: nodes (default 1000), lookups (default 200), seed (default 1).
 */
public final class DhtLookupFigures {
  private DhtLookupFigures() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(seed);
    InetSocketAddress router = net.addressOf(net.add());
    long before = net.delivered;
    for (int i = 1; i < size; i++) {
      net.add().bootstrap(List.of(router), List.of(), o -> {});
      net.settle();
    }
    double joinDatagrams = (net.delivered - before) / (double) (size - 1);
    for (DhtEngine e : net.engines()) {
      e.findNode(e.id(), o -> {});
    }
    net.run(10_000_000);
    List<DhtEngine> all = net.engines();
    double tableAfterJoin = all.stream().mapToInt(e -> e.figures().nodes()).average().orElse(0);
    // Past the 15 minutes after which BEP 5 refreshes a quiet bucket, as a running network would be.
    net.run(16 * 60_000_000L);
    int[] queries = new int[lookups];
    int[] exact = new int[lookups];
    for (int t = 0; t < lookups; t++) {
      DhtEngine from = all.get(net.random.nextInt(all.size()));
      NodeId target = NodeId.random(net.random);
      AtomicReference<LookupOutcome> outcome = new AtomicReference<>();
      from.findNode(target, outcome::set);
      // Nothing is lost on this network, so a lookup ends once its datagrams are delivered.
      net.settle();
      List<NodeId> truth = new ArrayList<>(all.stream().map(DhtEngine::id).filter(id -> !id.equals(from.id())).toList());
      truth.sort(target::compareDistance);
      List<NodeId> found = outcome.get().closest().stream().map(NodeContact::id).toList();
      queries[t] = outcome.get().queries();
      exact[t] = (int) truth.subList(0, RoutingTable.K).stream().filter(found::contains).count();
    }
    Arrays.sort(queries);
    double meanTable = all.stream().mapToInt(e -> e.figures().nodes()).average().orElse(0);
    NodeId infoHash = NodeId.random(net.random);
    long beforeAnnounce = net.delivered;
    AtomicReference<LookupOutcome> announced = new AtomicReference<>();
    all.get(1).getPeers(infoHash, 7000, p -> {}, announced::set);
    net.settle();
    long announceDatagrams = net.delivered - beforeAnnounce;
    System.out.printf(Locale.ROOT, "nodes %d, join %.1f datagrams; mean routing table %.1f nodes after joining, %.1f after bucket refresh%n",
        size, joinDatagrams, tableAfterJoin, meanTable);
    System.out.printf(Locale.ROOT, "find_node over %d lookups: queries median %d, p95 %d, max %d; true %d closest found: mean %.2f%n",
        lookups, queries[lookups / 2], queries[lookups * 95 / 100], queries[lookups - 1], RoutingTable.K,
        Arrays.stream(exact).average().orElse(0));
    System.out.printf(Locale.ROOT, "get_peers + announce: %d datagrams, announced to %d nodes%n", announceDatagrams,
        announced.get().announcedTo());
  }
}
