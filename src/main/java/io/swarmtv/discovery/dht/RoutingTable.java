package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * BEP 5's routing table: buckets of at most {@link #K} nodes, bucket {@code i} holding ids that share
 * exactly {@code i} leading bits with ours, the last one holding all closer ids until it fills and
 * splits. A full bucket takes a newcomer only in place of a bad node; otherwise the newcomer waits
 * in a short replacement list while the bucket's questionable nodes are pinged. Bounded: at most
 * 160 buckets of {@code K} nodes and {@code K} replacements each.
 *
 * <p>Not thread-safe: the {@link DhtEngine} drives it from one thread.
 */
public final class RoutingTable {
  /** Nodes per bucket (BEP 5). */
  public static final int K = 8;
  /** A node not heard from for this long is questionable (BEP 5: 15 minutes). */
  public static final long QUESTIONABLE_AFTER_MICROS = 15 * 60 * 1_000_000L;
  /** A node that failed this many queries in a row is bad and gives way to a newcomer. */
  public static final int BAD_AFTER_FAILURES = 2;

  private final NodeId own;
  private final List<Bucket> buckets = new ArrayList<>();

  public RoutingTable(NodeId own, long nowMicros) {
    this.own = own;
    buckets.add(new Bucket(nowMicros));
  }

  /** Our own id, which the buckets are arranged around. */
  public NodeId own() {
    return own;
  }

  /**
   * Notes that {@code contact} spoke to us. A known node becomes good again; a new one is added if
   * its bucket has room (splitting ours if need be) or a bad node to replace.
   *
   * @return questionable nodes of a full bucket that the caller should ping, so that a newcomer can
   *     take the place of one that no longer answers; usually empty
   */
  public List<NodeContact> heardFrom(NodeContact contact, long nowMicros) {
    if (contact.id().equals(own)) {
      return List.of();
    }
    while (true) {
      Bucket bucket = bucketFor(contact.id());
      Entry known = bucket.find(contact.id());
      if (known != null) {
        // The address stays the one first seen: a forged sender cannot redirect a known id.
        if (known.contact.address().equals(contact.address())) {
          known.lastHeard = nowMicros;
          known.failures = 0;
          known.pinging = false;
        }
        return List.of();
      }
      if (containsAddress(contact)) {
        return List.of();
      }
      if (bucket.entries.size() < K) {
        bucket.entries.add(new Entry(contact, nowMicros));
        bucket.lastChanged = nowMicros;
        bucket.replacements.removeIf(r -> r.id().equals(contact.id()));
        return List.of();
      }
      if (bucket == last() && buckets.size() < NodeId.BITS) {
        split();
        continue;
      }
      Entry bad = bucket.entries.stream().filter(Entry::bad).findFirst().orElse(null);
      if (bad != null) {
        bucket.entries.remove(bad);
        bucket.entries.add(new Entry(contact, nowMicros));
        bucket.lastChanged = nowMicros;
        return List.of();
      }
      bucket.replacements.removeIf(r -> r.id().equals(contact.id()));
      bucket.replacements.addLast(contact);
      if (bucket.replacements.size() > K) {
        bucket.replacements.removeFirst();
      }
      List<NodeContact> toPing = new ArrayList<>();
      for (Entry e : bucket.entries) {
        if (!e.pinging && nowMicros - e.lastHeard >= QUESTIONABLE_AFTER_MICROS) {
          e.pinging = true;
          toPing.add(e.contact);
        }
      }
      return toPing;
    }
  }

  /**
   * Notes that the node at {@code address} did not answer a query. Once bad, it is replaced by the
   * newest waiting replacement, if any.
   *
   * @return whether the node is still in the table and not yet bad
   */
  public boolean failed(InetSocketAddress address, long nowMicros) {
    for (Bucket bucket : buckets) {
      for (Entry e : bucket.entries) {
        if (e.contact.address().equals(address)) {
          e.failures++;
          e.pinging = false;
          if (!e.bad()) {
            return true;
          }
          if (!bucket.replacements.isEmpty()) {
            bucket.entries.remove(e);
            bucket.entries.add(new Entry(bucket.replacements.removeLast(), nowMicros));
            bucket.lastChanged = nowMicros;
          }
          return false;
        }
      }
    }
    return false;
  }

  /** Up to {@code n} nodes closest to {@code target}, closest first, leaving out bad ones. */
  public List<NodeContact> closest(NodeId target, int n) {
    List<NodeContact> all = new ArrayList<>();
    for (Bucket b : buckets) {
      for (Entry e : b.entries) {
        if (!e.bad()) {
          all.add(e.contact);
        }
      }
    }
    all.sort(Comparator.comparing(NodeContact::id, target::compareDistance));
    return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
  }

  /** Every node in the table, for saving it. */
  public List<NodeContact> contacts() {
    List<NodeContact> all = new ArrayList<>();
    buckets.forEach(b -> b.entries.forEach(e -> all.add(e.contact)));
    return all;
  }

  /** Nodes in the table. */
  public int size() {
    return buckets.stream().mapToInt(b -> b.entries.size()).sum();
  }

  /** Buckets in the table (grows as ours splits). */
  public int bucketCount() {
    return buckets.size();
  }

  /**
   * For each bucket unchanged for {@link #QUESTIONABLE_AFTER_MICROS}, a random id in its range to
   * look up, which refreshes it (BEP 5); marks those buckets as refreshed now.
   */
  public List<NodeId> refreshTargets(long nowMicros, Random random) {
    List<NodeId> targets = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      if (nowMicros - b.lastChanged >= QUESTIONABLE_AFTER_MICROS) {
        b.lastChanged = nowMicros;
        targets.add(own.randomWithPrefix(i, random));
      }
    }
    return targets;
  }

  private boolean containsAddress(NodeContact contact) {
    for (Bucket b : buckets) {
      for (Entry e : b.entries) {
        if (e.contact.address().equals(contact.address())) {
          return true;
        }
      }
    }
    return false;
  }

  private Bucket bucketFor(NodeId id) {
    return buckets.get(Math.min(own.sharedPrefixBits(id), buckets.size() - 1));
  }

  private Bucket last() {
    return buckets.get(buckets.size() - 1);
  }

  /** Splits the last bucket: nodes sharing one more bit with us move to a new last bucket. */
  private void split() {
    int depth = buckets.size() - 1;
    Bucket old = last();
    Bucket deeper = new Bucket(old.lastChanged);
    old.entries.removeIf(e -> {
      if (own.sharedPrefixBits(e.contact.id()) > depth) {
        deeper.entries.add(e);
        return true;
      }
      return false;
    });
    old.replacements.removeIf(r -> {
      if (own.sharedPrefixBits(r.id()) > depth) {
        deeper.replacements.add(r);
        return true;
      }
      return false;
    });
    buckets.add(deeper);
  }

  private static final class Bucket {
    final List<Entry> entries = new ArrayList<>(K);
    final Deque<NodeContact> replacements = new ArrayDeque<>();
    long lastChanged;

    Bucket(long nowMicros) {
      this.lastChanged = nowMicros;
    }

    Entry find(NodeId id) {
      for (Entry e : entries) {
        if (e.contact.id().equals(id)) {
          return e;
        }
      }
      return null;
    }
  }

  private static final class Entry {
    final NodeContact contact;
    long lastHeard;
    int failures;
    boolean pinging;

    Entry(NodeContact contact, long nowMicros) {
      this.contact = contact;
      this.lastHeard = nowMicros;
    }

    boolean bad() {
      return failures >= BAD_AFTER_FAILURES;
    }
  }
}
