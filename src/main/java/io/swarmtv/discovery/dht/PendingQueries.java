package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Queries sent and not yet answered, by transaction id, each with a deadline. Capped at
 * {@code capacity}: when full, no new query is sent until answers or timeouts free a slot. An
 * answer counts only from the address the query went to, so a forged reply cannot complete it.
 */
final class PendingQueries {
  /** One query awaiting its answer. */
  record Pending(TransactionId transaction, InetSocketAddress to, DhtQuery query, long deadlineMicros,
      QueryCallback callback) {}

  private final int capacity;
  private final Map<TransactionId, Pending> byTransaction = new HashMap<>();
  private int next;

  PendingQueries(int capacity, int firstTransaction) {
    this.capacity = capacity;
    this.next = firstTransaction & 0xffff;
  }

  boolean full() {
    return byTransaction.size() >= capacity;
  }

  /** Registers a query and returns its fresh 2-byte transaction id, or null when full. */
  TransactionId add(InetSocketAddress to, DhtQuery query, long deadlineMicros, QueryCallback callback) {
    if (full()) {
      return null;
    }
    TransactionId tx;
    do {
      next = (next + 1) & 0xffff;
      tx = new TransactionId(new byte[] {(byte) (next >>> 8), (byte) next});
    } while (byTransaction.containsKey(tx));
    byTransaction.put(tx, new Pending(tx, to, query, deadlineMicros, callback));
    return tx;
  }

  /** Whether a query with {@code tx} to {@code from} awaits its answer. */
  boolean awaits(TransactionId tx, InetSocketAddress from) {
    Pending p = byTransaction.get(tx);
    return p != null && p.to().equals(from);
  }

  /** The query {@code tx} answers if it was sent to {@code from}, removed; else null. */
  Pending take(TransactionId tx, InetSocketAddress from) {
    Pending p = byTransaction.get(tx);
    if (p == null || !p.to().equals(from)) {
      return null;
    }
    byTransaction.remove(tx);
    return p;
  }

  /** Removes and returns the queries whose deadline has passed. */
  List<Pending> expire(long nowMicros) {
    List<Pending> late = new ArrayList<>();
    Iterator<Pending> it = byTransaction.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (p.deadlineMicros() <= nowMicros) {
        late.add(p);
        it.remove();
      }
    }
    return late;
  }

  /** Removes and returns every query, for shutting down. */
  List<Pending> drain() {
    List<Pending> all = new ArrayList<>(byTransaction.values());
    byTransaction.clear();
    return all;
  }

  int size() {
    return byTransaction.size();
  }
}
