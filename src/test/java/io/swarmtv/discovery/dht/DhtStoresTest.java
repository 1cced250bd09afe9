package io.swarmtv.discovery.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The capped, clocked stores the engine keeps: tokens, announced peers, per-source rates, queries in flight. */
class DhtStoresTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Random random = new Random(7);

  @Test
  void tokensLastOneToTwoRotationsAndAreBoundToTheAddress() throws Exception {
    TokenSecret secret = new TokenSecret(now::get, random);
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    byte[] token = secret.tokenFor(a);
    assertTrue(secret.valid(a, token));
    assertFalse(secret.valid(b, token), "another address cannot use it");
    assertFalse(secret.valid(a, new byte[] {1, 2, 3}));
    now.addAndGet(TokenSecret.ROTATE_MICROS + 1);
    assertTrue(secret.valid(a, token), "previous secret still accepted");
    now.addAndGet(TokenSecret.ROTATE_MICROS + 1);
    assertFalse(secret.valid(a, token), "two rotations later it has expired");
    byte[] fresh = secret.tokenFor(a);
    now.addAndGet(3 * TokenSecret.ROTATE_MICROS);
    assertFalse(secret.valid(a, fresh), "after a long idle spell both secrets are new");
  }

  @Test
  void peerStoreExpiresAndCapsBothWays() {
    PeerStore store = new PeerStore(3, 4);
    NodeId h = NodeId.random(random);
    for (int port = 1; port <= 10; port++) {
      store.add(h, new InetSocketAddress("10.0.0.1", port), now.get());
    }
    List<InetSocketAddress> peers = store.peers(h, 100, now.get());
    assertEquals(List.of(10, 9, 8, 7), peers.stream().map(InetSocketAddress::getPort).toList());
    for (int i = 0; i < 50; i++) {
      store.add(NodeId.random(random), new InetSocketAddress("10.0.0.2", 1), now.get());
    }
    assertEquals(3, store.infoHashes());
    assertEquals(List.of(), store.peers(h, 100, now.get()), "the oldest info-hash gave way");

    NodeId g = NodeId.random(random);
    store.add(g, new InetSocketAddress("10.0.0.3", 1), now.get());
    assertEquals(1, store.peers(g, 100, now.get() + PeerStore.TTL_MICROS - 1).size());
    assertEquals(0, store.peers(g, 100, now.get() + PeerStore.TTL_MICROS).size());
    store.expire(now.get() + PeerStore.TTL_MICROS);
    assertEquals(0, store.size());
  }

  @Test
  void rateLimitIsPerSourceAndRefills() throws Exception {
    SourceRateLimit limit = new SourceRateLimit(10, 5, 2);
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      allowed += limit.allow(a, now.get()) ? 1 : 0;
    }
    assertEquals(5, allowed);
    assertTrue(limit.allow(b, now.get()), "another source is not held back");
    now.addAndGet(500_000);
    allowed = 0;
    for (int i = 0; i < 100; i++) {
      allowed += limit.allow(a, now.get()) ? 1 : 0;
    }
    assertEquals(5, allowed, "half a second at 10/s refills 5");
    for (int i = 0; i < 1000; i++) {
      limit.allow(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}), now.get());
    }
    assertEquals(2, limit.sources());
  }

  @Test
  void pendingQueriesAreCappedMatchedBySenderAndTimedOut() {
    PendingQueries pending = new PendingQueries(3, 65534);
    InetSocketAddress to = new InetSocketAddress("10.0.0.1", 6881);
    QueryCallback ignore = new QueryCallback() {
      @Override
      public void answered(KrpcResponse response) {}

      @Override
      public void failed(String why) {}
    };
    PingQuery ping = new PingQuery(NodeId.random(random));
    TransactionId t1 = pending.add(to, ping, 10, ignore);
    TransactionId t2 = pending.add(to, ping, 20, ignore);
    TransactionId t3 = pending.add(to, ping, 30, ignore);
    assertEquals(2, t1.bytes().length);
    assertEquals(null, pending.add(to, ping, 40, ignore));
    assertEquals(null, pending.take(t1, new InetSocketAddress("10.0.0.2", 6881)), "answer from elsewhere");
    assertEquals(t1, pending.take(t1, to).transaction());
    assertEquals(null, pending.take(t1, to), "answered once only");
    assertEquals(List.of(t2), pending.expire(25).stream().map(PendingQueries.Pending::transaction).toList());
    assertEquals(1, pending.size());
    assertEquals(t3, pending.drain().get(0).transaction());
  }
}
