package io.swarmtv.discovery.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many engines on an in-memory network with a virtual clock: joins, lookups, announces, timeouts. */
class DhtEngineTest {

  private static InMemoryDhtNetwork joinedNetwork(int size, long seed) {
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(seed);
    DhtEngine first = net.add();
    InetSocketAddress router = net.addressOf(first);
    for (int i = 1; i < size; i++) {
      net.add().bootstrap(List.of(router), List.of(), o -> {});
      net.run(100_000);
    }
    // A second pass, as running nodes do when they refresh: everyone learns of the late joiners.
    for (DhtEngine e : net.engines()) {
      e.findNode(e.id(), o -> {});
    }
    net.run(10_000_000);
    return net;
  }

  @Test
  void joinsFillRoutingTablesFromOneRouter() {
    InMemoryDhtNetwork net = joinedNetwork(60, 1);
    for (DhtEngine e : net.engines()) {
      assertTrue(e.figures().nodes() >= RoutingTable.K, e.id() + " knows " + e.figures().nodes());
    }
  }

  @Test
  void findNodeConvergesOnTheTrueClosestNodes() {
    InMemoryDhtNetwork net = joinedNetwork(80, 2);
    List<DhtEngine> all = net.engines();
    for (int trial = 0; trial < 5; trial++) {
      NodeId target = NodeId.random(net.random);
      AtomicReference<LookupOutcome> outcome = new AtomicReference<>();
      all.get(trial * 7).findNode(target, outcome::set);
      net.run(20_000_000);
      assertNotNull(outcome.get(), "lookup finished");
      List<NodeId> truth = new ArrayList<>(all.stream().map(DhtEngine::id).toList());
      truth.remove(all.get(trial * 7).id());
      truth.sort(target::compareDistance);
      List<NodeId> found = outcome.get().closest().stream().map(NodeContact::id).toList();
      assertEquals(truth.subList(0, 3), found.subList(0, 3), "the three closest are found exactly");
      assertTrue(outcome.get().queries() <= IterativeLookup.MAX_QUERIES);
    }
  }

  @Test
  void announcedPeerIsFoundByAnotherNode() {
    InMemoryDhtNetwork net = joinedNetwork(50, 3);
    List<DhtEngine> all = net.engines();
    NodeId infoHash = NodeId.random(net.random);
    AtomicReference<LookupOutcome> announced = new AtomicReference<>();
    all.get(10).getPeers(infoHash, 7000, p -> {}, announced::set);
    net.run(20_000_000);
    assertTrue(announced.get().announcedTo() >= RoutingTable.K / 2, "announced to " + announced.get().announcedTo());

    List<InetSocketAddress> found = new ArrayList<>();
    AtomicReference<LookupOutcome> lookedUp = new AtomicReference<>();
    all.get(40).getPeers(infoHash, 0, found::add, lookedUp::set);
    net.run(20_000_000);
    InetSocketAddress expected = new InetSocketAddress(net.addressOf(all.get(10)).getAddress(), 7000);
    assertEquals(List.of(expected), found);
    assertEquals(Set.of(expected), lookedUp.get().peers());
    assertEquals(0, lookedUp.get().announcedTo());
  }

  @Test
  void silentNodesTimeOutAndTheLookupStillEnds() {
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(4);
    DhtEngine lone = net.add();
    List<InetSocketAddress> dead = List.of(net.addSilent(), net.addSilent(), net.addSilent(), net.addSilent());
    AtomicReference<LookupOutcome> outcome = new AtomicReference<>();
    lone.bootstrap(dead, List.of(), outcome::set);
    net.run(DhtEngine.QUERY_TIMEOUT_MICROS - 1_000_000);
    assertEquals(null, outcome.get(), "still waiting within the timeout");
    assertEquals(3, lone.figures().pendingQueries(), "alpha = 3 in flight");
    net.run(2 * DhtEngine.QUERY_TIMEOUT_MICROS + 2_000_000);
    assertNotNull(outcome.get());
    assertEquals(4, lone.figures().timeouts());
    assertEquals(0, lone.figures().pendingQueries());
    assertEquals(0, lone.figures().nodes());
    // An empty table is bootstrapped again after a while, and nothing grows meanwhile.
    net.run(DhtEngine.REBOOTSTRAP_MICROS + 5 * DhtEngine.QUERY_TIMEOUT_MICROS);
    assertEquals(8, lone.figures().timeouts());
  }

  @Test
  void badTokensWrongIdsAndGarbageAreRefusedAndTheNodeKeepsAnswering() {
    InMemoryDhtNetwork net = joinedNetwork(10, 5);
    DhtEngine target = net.engines().get(3);
    InetSocketAddress to = net.addressOf(target);
    InetSocketAddress attacker = net.addSilent();
    NodeId attackerId = NodeId.random(net.random);
    DatagramCapture capture = new DatagramCapture(net, attacker, to);
    List<byte[]> replies = net.receivedBy(attacker);

    NodeId infoHash = NodeId.random(net.random);
    byte[] announce = KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {7}),
        new AnnouncePeerQuery(attackerId, infoHash, 9999, false, "forged".getBytes(StandardCharsets.US_ASCII))));
    capture.send(announce);
    KrpcError refused = assertInstanceOf(KrpcError.class, capture.lastReply());
    assertEquals(203, refused.code());
    assertEquals("bad token", refused.message());

    capture.send("d1:ad2:id5:shorte1:q4:ping1:t1:x1:y1:qe".getBytes(StandardCharsets.US_ASCII));
    KrpcError wrongId = assertInstanceOf(KrpcError.class, capture.lastReply());
    assertTrue(wrongId.message().contains("'id' is 5 bytes, not 20"), wrongId.message());

    int before = replies.size();
    capture.send("i-0e".getBytes(StandardCharsets.US_ASCII));
    capture.send(new byte[DhtEngine.MAX_DATAGRAM + 1]);
    assertEquals(before, replies.size(), "garbage without a transaction gets no reply");

    // The peer store is untouched and an honest announce with a real token still works.
    List<InetSocketAddress> found = new ArrayList<>();
    net.engines().get(7).getPeers(infoHash, 0, found::add, o -> {});
    net.run(10_000_000);
    assertEquals(List.of(), found);
    assertTrue(target.figures().dropped() >= 3);

    capture.send(KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {8}), new GetPeersQuery(attackerId, infoHash))));
    byte[] token = ((KrpcResponse) capture.lastReply()).token();
    capture.send(KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {9}),
        new AnnouncePeerQuery(attackerId, infoHash, 9999, false, token))));
    assertInstanceOf(KrpcResponse.class, capture.lastReply());
    // implied_port: the port is the one the announce came from, whatever the query says.
    capture.send(KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {10}),
        new AnnouncePeerQuery(attackerId, infoHash, 1, true, token))));
    assertInstanceOf(KrpcResponse.class, capture.lastReply());
    net.engines().get(7).getPeers(infoHash, 0, found::add, o -> {});
    net.run(10_000_000);
    assertEquals(Set.of(new InetSocketAddress(attacker.getAddress(), 9999), attacker), Set.copyOf(found));
  }

  @Test
  void aFloodFromOneAddressIsCutToItsRateAndOthersAreStillServed() {
    InMemoryDhtNetwork net = joinedNetwork(5, 6);
    DhtEngine target = net.engines().get(2);
    InetSocketAddress flooder = net.addSilent();
    DatagramCapture flood = new DatagramCapture(net, flooder, net.addressOf(target));
    List<byte[]> replies = net.receivedBy(flooder);
    byte[] ping = KrpcCodec.encode(new KrpcQuery(new TransactionId(new byte[] {1}), new PingQuery(NodeId.random(net.random))));
    for (int i = 0; i < 10_000; i++) {
      flood.send(ping);
    }
    assertEquals(DhtEngine.SOURCE_BURST, replies.size(), "only the burst is answered at once");
    assertTrue(target.figures().dropped() >= 10_000 - DhtEngine.SOURCE_BURST);

    InetSocketAddress other = net.addSilent();
    new DatagramCapture(net, other, net.addressOf(target)).send(ping);
    List<byte[]> honest = net.receivedBy(other);
    assertEquals(1, honest.size(), "another source is answered during the flood");
    net.clock.addAndGet(1_000_000);
    flood.send(ping);
    assertEquals(DhtEngine.SOURCE_BURST + 1, replies.size(), "the flooder is answered again as its rate refills");
  }

  @Test
  void aHostileNodeCannotAimOurQueriesAtLocalOrBroadcastAddresses() throws Exception {
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(9);
    DhtEngine engine = net.add();
    InetSocketAddress hostile = net.addSilent();
    engine.bootstrap(List.of(hostile), List.of(), o -> {});
    net.settle();
    KrpcQuery asked = (KrpcQuery) KrpcCodec.decode(net.receivedBy(hostile).get(0), 0, net.receivedBy(hostile).get(0).length);
    List<NodeContact> lies = new ArrayList<>();
    for (String address : List.of("127.0.0.1", "0.0.0.0", "224.0.0.251", "255.255.255.255", "10.200.0.1")) {
      lies.add(new NodeContact(NodeId.random(net.random), new InetSocketAddress(address, 22)));
    }
    net.inject(hostile, net.addressOf(engine), KrpcCodec.encode(
        new KrpcResponse(asked.transaction(), NodeId.random(net.random), lies, List.of(), null)));
    net.settle();
    assertEquals(List.of(new InetSocketAddress("10.200.0.1", 22)), net.strayDestinations);
  }

  @Test
  void readOnlyNodesAreAnsweredButNotRouted() {
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(10);
    DhtEngine engine = net.add();
    InetSocketAddress readOnly = net.addSilent();
    InetSocketAddress full = net.addSilent();
    net.inject(readOnly, net.addressOf(engine), KrpcCodec.encode(
        new KrpcQuery(new TransactionId(new byte[] {1}), new PingQuery(NodeId.random(net.random)), true)));
    net.settle();
    assertInstanceOf(KrpcResponse.class, KrpcCodec.decode(net.receivedBy(readOnly).get(0), 0, net.receivedBy(readOnly).get(0).length));
    assertEquals(0, engine.figures().nodes());
    net.inject(full, net.addressOf(engine), KrpcCodec.encode(
        new KrpcQuery(new TransactionId(new byte[] {1}), new PingQuery(NodeId.random(net.random)))));
    net.settle();
    assertEquals(List.of(full), engine.contacts().stream().map(NodeContact::address).toList());
  }

  @Test
  void pendingQueriesAndLookupsStayCapped() {
    InMemoryDhtNetwork net = new InMemoryDhtNetwork(8);
    DhtEngine lone = net.add();
    List<InetSocketAddress> dead = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      dead.add(net.addSilent());
    }
    dead.forEach(d -> lone.ping(d, id -> {}));
    assertEquals(DhtEngine.MAX_PENDING, lone.figures().pendingQueries());
    List<LookupOutcome> ended = new ArrayList<>();
    for (int i = 0; i < DhtEngine.MAX_LOOKUPS + 10; i++) {
      lone.bootstrap(dead.subList(i, i + 3), List.of(), ended::add);
    }
    assertEquals(10, ended.size(), "lookups over the cap end at once, empty");
    net.run(30 * DhtEngine.QUERY_TIMEOUT_MICROS);
    assertEquals(DhtEngine.MAX_LOOKUPS + 10, ended.size(), "every lookup ends once the dead nodes time out");
    // What is still in flight is the periodic re-bootstrap of the empty table, one lookup's worth.
    assertTrue(lone.figures().pendingQueries() <= IterativeLookup.ALPHA, "pending " + lone.figures().pendingQueries());
  }

  /** Sends datagrams from one silent address to one engine and reads what came back. */
  private static final class DatagramCapture {
    private final InMemoryDhtNetwork net;
    private final InetSocketAddress from;
    private final InetSocketAddress to;

    DatagramCapture(InMemoryDhtNetwork net, InetSocketAddress from, InetSocketAddress to) {
      this.net = net;
      this.from = from;
      this.to = to;
    }

    void send(byte[] datagram) {
      net.inject(from, to, datagram);
      net.settle();
    }

    KrpcMessage lastReply() {
      List<byte[]> replies = net.receivedBy(from);
      byte[] b = replies.get(replies.size() - 1);
      return KrpcCodec.decode(b, 0, b.length);
    }
  }
}
