package io.swarmtv.discovery.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private final Random random = new Random(42);
  private final NodeId own = NodeId.random(random);
  private int nextPort = 1000;

  private NodeContact contact(NodeId id) {
    return new NodeContact(id, new InetSocketAddress("10.0.0.1", nextPort++));
  }

  @Test
  void splitsOnlyOurOwnBucketAndStaysBounded() {
    RoutingTable table = new RoutingTable(own, 0);
    for (int i = 0; i < 20_000; i++) {
      table.heardFrom(contact(NodeId.random(random)), 0);
    }
    // Random ids fall in far buckets: each of the first few fills to K, the deep ones stay sparse.
    assertTrue(table.size() <= table.bucketCount() * RoutingTable.K);
    assertTrue(table.size() >= 8 * RoutingTable.K, "size " + table.size());
    // Nodes sharing a long prefix with us are the ones kept when a bucket splits down to them.
    for (int bits = 100; bits < 110; bits++) {
      table.heardFrom(contact(own.randomWithPrefix(bits, random)), 0);
    }
    assertTrue(table.bucketCount() > 100, "buckets " + table.bucketCount());
    assertTrue(table.bucketCount() <= NodeId.BITS);
    for (int i = 0; i < 10_000; i++) {
      table.heardFrom(contact(own.randomWithPrefix(random.nextInt(160), random)), 0);
    }
    assertTrue(table.size() <= NodeId.BITS * RoutingTable.K);
  }

  @Test
  void aFullFarBucketTakesNoMoreGoodNodes() {
    RoutingTable table = new RoutingTable(own, 0);
    List<NodeContact> far = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      NodeContact c = contact(own.randomWithPrefix(0, random));
      far.add(c);
      table.heardFrom(c, 0);
    }
    // The first bucket split off (our own side), so the far half holds exactly K.
    assertEquals(RoutingTable.K, table.closest(own.randomWithPrefix(0, random), 100).size());
    assertEquals(new HashSet<>(far.subList(0, RoutingTable.K)),
        new HashSet<>(table.closest(own.randomWithPrefix(0, random), 100)));
  }

  @Test
  void questionableNodesArePingedAndBadOnesReplaced() {
    RoutingTable table = new RoutingTable(own, 0);
    List<NodeContact> far = new ArrayList<>();
    for (int i = 0; i < RoutingTable.K; i++) {
      NodeContact c = contact(own.randomWithPrefix(0, random));
      far.add(c);
      table.heardFrom(c, 0);
    }
    NodeContact newcomer = contact(own.randomWithPrefix(0, random));
    assertEquals(List.of(), table.heardFrom(newcomer, 1_000), "all good: nothing to ping");

    long later = RoutingTable.QUESTIONABLE_AFTER_MICROS + 1;
    table.heardFrom(far.get(0), later); // still answering: good again
    List<NodeContact> toPing = table.heardFrom(newcomer, later);
    assertEquals(RoutingTable.K - 1, toPing.size());
    assertFalse(toPing.contains(far.get(0)));
    assertEquals(List.of(), table.heardFrom(newcomer, later), "already being pinged");

    NodeContact silent = toPing.get(0);
    assertTrue(table.failed(silent.address(), later), "one failure: questionable, not yet bad");
    assertFalse(table.failed(silent.address(), later), "two failures: bad and replaced");
    List<NodeContact> now = table.closest(newcomer.id(), 100);
    assertTrue(now.contains(newcomer));
    assertFalse(now.contains(silent));
    assertEquals(RoutingTable.K, now.size());
  }

  @Test
  void aKnownIdCannotBeMovedToAnotherAddress() {
    RoutingTable table = new RoutingTable(own, 0);
    NodeId id = NodeId.random(random);
    NodeContact first = contact(id);
    table.heardFrom(first, 0);
    table.heardFrom(new NodeContact(id, new InetSocketAddress("10.9.9.9", 1)), 0);
    table.heardFrom(new NodeContact(own, new InetSocketAddress("10.9.9.9", 2)), 0);
    assertEquals(List.of(first), table.contacts());
  }

  @Test
  void closestIsOrderedByXorDistance() {
    RoutingTable table = new RoutingTable(own, 0);
    for (int i = 0; i < 500; i++) {
      table.heardFrom(contact(own.randomWithPrefix(random.nextInt(20), random)), 0);
    }
    NodeId target = NodeId.random(random);
    List<NodeContact> closest = table.closest(target, RoutingTable.K);
    List<NodeContact> all = new ArrayList<>(table.contacts());
    all.sort(Comparator.comparing(NodeContact::id, target::compareDistance));
    assertEquals(all.subList(0, RoutingTable.K), closest);
  }

  @Test
  void staleBucketsAskForARefreshInTheirRange() {
    RoutingTable table = new RoutingTable(own, 0);
    for (int i = 0; i < 40; i++) {
      table.heardFrom(contact(NodeId.random(random)), 0);
    }
    assertEquals(List.of(), table.refreshTargets(1, random));
    List<NodeId> targets = table.refreshTargets(RoutingTable.QUESTIONABLE_AFTER_MICROS, random);
    assertEquals(table.bucketCount(), targets.size());
    for (int i = 0; i < targets.size() - 1; i++) {
      assertEquals(i, own.sharedPrefixBits(targets.get(i)));
    }
    assertEquals(List.of(), table.refreshTargets(RoutingTable.QUESTIONABLE_AFTER_MICROS + 1, random));
  }
}
