package io.swarmtv.discovery.dht;

import io.swarmtv.ingest.MicrosClock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one DHT node, without sockets: it takes datagrams ({@link #receive}), sends
 * through a {@link DatagramSender}, answers queries, runs lookups and announces, and is moved on in
 * time by {@link #tick()} with an injected clock. Every store is capped: the routing table, the
 * announced peers, the tokens (a secret, not a table), the queries in flight, the lookups running
 * and the per-source rate limits.
 *
 * <p>Not thread-safe: call it from one thread (the Netty event loop, or a test).
 */
public final class DhtEngine {
  /** Largest datagram taken; KRPC messages fit in one unfragmented Ethernet frame. */
  public static final int MAX_DATAGRAM = 1500;
  /** How long we wait for an answer to a query. */
  public static final long QUERY_TIMEOUT_MICROS = 4_000_000L;
  /** Our queries in flight at most. */
  public static final int MAX_PENDING = 256;
  /** Lookups running at once at most. */
  public static final int MAX_LOOKUPS = 64;
  /** Peers put in one get_peers answer, keeping it well inside a datagram. */
  public static final int MAX_VALUES_SENT = 50;
  /** Per source address: datagrams per second, and the burst allowed above that. */
  public static final double SOURCE_RATE = 25;
  public static final int SOURCE_BURST = 100;
  /** Source addresses whose rate is tracked at most. */
  public static final int MAX_SOURCES = 10_000;
  /** An empty table is bootstrapped again after this long. */
  static final long REBOOTSTRAP_MICROS = 60_000_000L;
  /** How often buckets are checked for staleness. */
  static final long REFRESH_CHECK_MICROS = 60_000_000L;

  private static final Logger log = LoggerFactory.getLogger(DhtEngine.class);

  private final NodeId own;
  private final MicrosClock clock;
  private final Random random;
  private final DatagramSender out;
  private final RoutingTable table;
  private final TokenSecret tokens;
  private final PeerStore announced = new PeerStore(2_000, 100);
  private final SourceRateLimit rateLimit = new SourceRateLimit(SOURCE_RATE, SOURCE_BURST, MAX_SOURCES);
  private final PendingQueries pending;
  private final ProblemLog problems;
  private final Set<ActiveLookup> lookups = new LinkedHashSet<>();
  private List<InetSocketAddress> routers = List.of();
  private long lastBootstrap = Long.MIN_VALUE;
  private long lastRefreshCheck;
  private boolean closed;

  private long queriesIn;
  private long queriesOut;
  private long answersIn;
  private long timeouts;
  private long peersFound;
  private long dropped;

  /** One running lookup with what to do as it finds peers and when it ends. */
  private final class ActiveLookup {
    final IterativeLookup lookup;
    final int announcePort;
    final Consumer<InetSocketAddress> onPeer;
    final Consumer<LookupOutcome> onDone;

    ActiveLookup(IterativeLookup lookup, int announcePort, Consumer<InetSocketAddress> onPeer,
        Consumer<LookupOutcome> onDone) {
      this.lookup = lookup;
      this.announcePort = announcePort;
      this.onPeer = onPeer;
      this.onDone = onDone;
    }
  }

  public DhtEngine(NodeId own, MicrosClock clock, Random random, DatagramSender out) {
    this.own = own;
    this.clock = clock;
    this.random = random;
    this.out = out;
    long now = clock.nowMicros();
    this.table = new RoutingTable(own, now);
    this.tokens = new TokenSecret(clock, random);
    this.pending = new PendingQueries(MAX_PENDING, random.nextInt());
    this.problems = new ProblemLog(log, clock, 10_000_000L);
    this.lastRefreshCheck = now;
  }

  /** Our node id. */
  public NodeId id() {
    return own;
  }

  /** The nodes in the routing table, for saving it. */
  public List<NodeContact> contacts() {
    return table.contacts();
  }

  /** The figures for the status page. */
  public DhtFigures figures() {
    return new DhtFigures(table.size(), queriesIn, queriesOut, answersIn, timeouts, peersFound,
        announced.size(), dropped, pending.size());
  }

  /**
   * Joins the DHT: a find_node lookup of our own id, starting from {@code saved} nodes (from the
   * last run) and asking {@code routers} (whose ids we do not know) first. The routers are asked
   * again whenever the table runs empty.
   */
  public void bootstrap(List<InetSocketAddress> routers, List<NodeContact> saved, Consumer<LookupOutcome> onDone) {
    this.routers = List.copyOf(routers);
    this.lastBootstrap = clock.nowMicros();
    List<NodeContact> known = new ArrayList<>(table.closest(own, RoutingTable.K));
    known.addAll(saved);
    start(new IterativeLookup(own, own, false, known, this.routers), 0, p -> {}, onDone);
  }

  /** A find_node lookup of {@code target}. */
  public void findNode(NodeId target, Consumer<LookupOutcome> onDone) {
    start(new IterativeLookup(target, own, false, table.closest(target, RoutingTable.K), List.of()), 0,
        p -> {}, onDone);
  }

  /**
   * A get_peers lookup of {@code infoHash}, handing each peer found to {@code onPeer}; then, if
   * {@code announcePort} is not 0, announce_peer of that port to the closest nodes that gave tokens.
   */
  public void getPeers(NodeId infoHash, int announcePort, Consumer<InetSocketAddress> onPeer,
      Consumer<LookupOutcome> onDone) {
    start(new IterativeLookup(infoHash, own, true, table.closest(infoHash, RoutingTable.K), List.of()),
        announcePort, onPeer, onDone);
  }

  /**
   * Pings {@code to}; an answer puts it in the routing table. {@code onAnswer} gets the node's id,
   * or null when it did not answer.
   */
  public void ping(InetSocketAddress to, Consumer<NodeId> onAnswer) {
    query(to, new PingQuery(own), new QueryCallback() {
      @Override
      public void answered(KrpcResponse response) {
        onAnswer.accept(response.sender());
      }

      @Override
      public void failed(String why) {
        onAnswer.accept(null);
      }
    });
  }

  /** Handles one datagram from {@code from}. */
  public void receive(InetSocketAddress from, byte[] data, int length) {
    if (closed) {
      return;
    }
    long now = clock.nowMicros();
    if (length > MAX_DATAGRAM) {
      dropped++;
      problems.note("oversized datagram", from, "more than " + MAX_DATAGRAM + " bytes; dropped");
      return;
    }
    KrpcMessage message = null;
    KrpcException malformed = null;
    try {
      message = KrpcCodec.decode(data, 0, length);
    } catch (KrpcException e) {
      malformed = e;
    }
    // Answers to our own queries are bounded by what we send; everything else counts against the source.
    boolean awaited = message != null && !(message instanceof KrpcQuery) && pending.awaits(message.transaction(), from);
    if (!awaited && !rateLimit.allow(from.getAddress(), now)) {
      dropped++;
      problems.note("rate limit", from, "over " + (int) SOURCE_RATE + " datagrams/s; dropping");
      return;
    }
    if (malformed != null) {
      dropped++;
      // The message may quote the sender's keys: cut it short so the reply is never bigger than the cause.
      String why = KrpcCodec.printable(malformed.getMessage());
      problems.note("malformed message", from, why);
      if (malformed.wasQuery() && malformed.transaction() != null) {
        send(from, new KrpcError(malformed.transaction(), malformed.code(), why));
      } else if (malformed.transaction() != null) {
        // A garbled answer to one of our queries: fail it now rather than at its timeout.
        PendingQueries.Pending p = pending.take(malformed.transaction(), from);
        if (p != null) {
          p.callback().failed("malformed answer: " + why);
        }
      }
      return;
    }
    if (message instanceof KrpcQuery q) {
      onQuery(from, q, now);
    } else if (message instanceof KrpcResponse r) {
      onResponse(from, r, now);
    } else {
      onError(from, (KrpcError) message);
    }
  }

  /** Moves time on: times out queries, refreshes stale buckets, bootstraps an empty table again. */
  public void tick() {
    if (closed) {
      return;
    }
    long now = clock.nowMicros();
    for (PendingQueries.Pending p : pending.expire(now)) {
      timeouts++;
      table.failed(p.to(), now);
      p.callback().failed("no answer within " + QUERY_TIMEOUT_MICROS / 1_000_000 + " s");
    }
    if (table.size() == 0 && !routers.isEmpty() && now - lastBootstrap >= REBOOTSTRAP_MICROS) {
      log.info("DHT: routing table is empty; bootstrapping again from {}", routers);
      bootstrap(routers, List.of(), o -> {});
    }
    if (now - lastRefreshCheck >= REFRESH_CHECK_MICROS) {
      lastRefreshCheck = now;
      announced.expire(now);
      for (NodeId target : table.refreshTargets(now, random)) {
        findNode(target, o -> {});
      }
    }
    // Lookups that could not send while the pending table was full resume here.
    for (ActiveLookup a : new ArrayList<>(lookups)) {
      pump(a);
    }
  }

  /** Stops: fails every query in flight and ends every lookup without calling back. */
  public void close() {
    closed = true;
    lookups.clear();
    pending.drain();
  }

  private void onQuery(InetSocketAddress from, KrpcQuery q, long now) {
    queriesIn++;
    DhtQuery query = q.query();
    if (!q.readOnly()) {
      for (NodeContact questionable : table.heardFrom(new NodeContact(query.sender(), from), now)) {
        pingQuestionable(questionable, true);
      }
    }
    TransactionId tx = q.transaction();
    if (query instanceof PingQuery) {
      send(from, KrpcResponse.bare(tx, own));
    } else if (query instanceof FindNodeQuery f) {
      send(from, new KrpcResponse(tx, own, table.closest(f.target(), RoutingTable.K), List.of(), null));
    } else if (query instanceof GetPeersQuery g) {
      send(from, new KrpcResponse(tx, own, table.closest(g.infoHash(), RoutingTable.K),
          announced.peers(g.infoHash(), MAX_VALUES_SENT, now), tokens.tokenFor(from.getAddress())));
    } else {
      AnnouncePeerQuery a = (AnnouncePeerQuery) query;
      if (!tokens.valid(from.getAddress(), a.token())) {
        problems.note("bad token", from, "announce_peer for " + a.infoHash().hex() + " refused");
        send(from, new KrpcError(tx, KrpcException.PROTOCOL_ERROR, "bad token"));
        return;
      }
      int port = a.impliedPort() ? from.getPort() : a.port();
      announced.add(a.infoHash(), new InetSocketAddress(from.getAddress(), port), now);
      log.debug("DHT: {}:{} announced {}", from.getAddress().getHostAddress(), port, a.infoHash().hex());
      send(from, KrpcResponse.bare(tx, own));
    }
  }

  private void onResponse(InetSocketAddress from, KrpcResponse r, long now) {
    PendingQueries.Pending p = pending.take(r.transaction(), from);
    if (p == null) {
      dropped++;
      problems.note("unexpected answer", from, "transaction " + r.transaction() + " matches no query of ours to it");
      return;
    }
    answersIn++;
    for (NodeContact questionable : table.heardFrom(new NodeContact(r.sender(), from), now)) {
      pingQuestionable(questionable, true);
    }
    p.callback().answered(r);
  }

  private void onError(InetSocketAddress from, KrpcError e) {
    PendingQueries.Pending p = pending.take(e.transaction(), from);
    if (p == null) {
      dropped++;
      problems.note("unexpected error", from, "transaction " + e.transaction() + " matches no query of ours to it");
      return;
    }
    log.debug("DHT: {} answered {} with error {} {}", from, p.query().method(), e.code(), e.message());
    p.callback().failed("error " + e.code() + " " + KrpcCodec.printable(e.message()));
  }

  /** Pings a node that has gone quiet; two failures in a row make it bad and replaceable. */
  private void pingQuestionable(NodeContact node, boolean retry) {
    query(node.address(), new PingQuery(own), new QueryCallback() {
      @Override
      public void answered(KrpcResponse response) {}

      @Override
      public void failed(String why) {
        if (retry && !closed) {
          pingQuestionable(node, false);
        }
      }
    });
  }

  private void start(IterativeLookup lookup, int announcePort, Consumer<InetSocketAddress> onPeer,
      Consumer<LookupOutcome> onDone) {
    if (closed) {
      return;
    }
    if (lookups.size() >= MAX_LOOKUPS) {
      log.warn("DHT: {} lookups already running; lookup of {} not started", MAX_LOOKUPS, lookup.target().hex());
      onDone.accept(new LookupOutcome(lookup.target(), 0, List.of(), Set.of(), 0));
      return;
    }
    ActiveLookup a = new ActiveLookup(lookup, announcePort, onPeer, onDone);
    lookups.add(a);
    pump(a);
  }

  private void pump(ActiveLookup a) {
    if (closed || !lookups.contains(a)) {
      return;
    }
    if (MAX_PENDING - pending.size() >= IterativeLookup.ALPHA) {
      for (InetSocketAddress to : a.lookup.next()) {
        DhtQuery q = a.lookup.getPeers() ? new GetPeersQuery(own, a.lookup.target()) : new FindNodeQuery(own, a.lookup.target());
        query(to, q, new QueryCallback() {
          @Override
          public void answered(KrpcResponse response) {
            for (InetSocketAddress peer : a.lookup.answered(to, routable(to, response))) {
              peersFound++;
              a.onPeer.accept(peer);
            }
            pump(a);
          }

          @Override
          public void failed(String why) {
            a.lookup.failed(to);
            pump(a);
          }
        });
      }
    }
    if (a.lookup.done() && lookups.remove(a)) {
      finish(a);
    }
  }

  private void finish(ActiveLookup a) {
    IterativeLookup l = a.lookup;
    List<IterativeLookup.TokenHolder> holders = l.tokenHolders();
    if (a.announcePort == 0 || holders.isEmpty()) {
      a.onDone.accept(new LookupOutcome(l.target(), l.queries(), l.closestAnswered(), l.peers(), 0));
      return;
    }
    int[] settled = {0, 0}; // [answered or failed, accepted]
    for (IterativeLookup.TokenHolder h : holders) {
      AnnouncePeerQuery q = new AnnouncePeerQuery(own, l.target(), a.announcePort, false, h.token());
      query(h.node().address(), q, new QueryCallback() {
        @Override
        public void answered(KrpcResponse response) {
          settled[1]++;
          settle();
        }

        @Override
        public void failed(String why) {
          log.debug("DHT: announce to {} failed: {}", h.node(), why);
          settle();
        }

        private void settle() {
          if (++settled[0] == holders.size() && !closed) {
            a.onDone.accept(new LookupOutcome(l.target(), l.queries(), l.closestAnswered(), l.peers(), settled[1]));
          }
        }
      });
    }
  }

  /**
   * The response without nodes and peers we must not send to: wildcard, multicast and broadcast
   * addresses, and loopback ones unless the responder is on loopback itself, so that a hostile
   * node cannot aim our queries at this machine's other services or at a whole network.
   */
  private KrpcResponse routable(InetSocketAddress responder, KrpcResponse r) {
    boolean local = responder.getAddress().isLoopbackAddress();
    List<NodeContact> nodes = r.nodes().stream().filter(n -> routable(n.address(), local)).toList();
    List<InetSocketAddress> peers = r.peers().stream().filter(p -> routable(p, local)).toList();
    if (nodes.size() == r.nodes().size() && peers.size() == r.peers().size()) {
      return r;
    }
    problems.note("unroutable addresses", responder, (r.nodes().size() - nodes.size()) + " nodes and "
        + (r.peers().size() - peers.size()) + " peers left out");
    return new KrpcResponse(r.transaction(), r.sender(), nodes, peers, r.token());
  }

  private static boolean routable(InetSocketAddress a, boolean loopbackAllowed) {
    byte[] ip = a.getAddress().getAddress();
    boolean broadcast = ip.length == 4 && (ip[0] & ip[1] & ip[2] & ip[3]) == (byte) 0xff;
    boolean thisNetwork = ip.length == 4 && ip[0] == 0;
    return !a.getAddress().isAnyLocalAddress() && !a.getAddress().isMulticastAddress() && !broadcast && !thisNetwork
        && (loopbackAllowed || !a.getAddress().isLoopbackAddress());
  }

  /** Sends a query; when too many are in flight it fails at once, without sending. */
  private void query(InetSocketAddress to, DhtQuery q, QueryCallback callback) {
    TransactionId tx = pending.add(to, q, clock.nowMicros() + QUERY_TIMEOUT_MICROS, callback);
    if (tx == null) {
      callback.failed(MAX_PENDING + " queries already in flight");
      return;
    }
    queriesOut++;
    send(to, new KrpcQuery(tx, q));
  }

  private void send(InetSocketAddress to, KrpcMessage m) {
    out.send(to, KrpcCodec.encode(m));
  }
}
