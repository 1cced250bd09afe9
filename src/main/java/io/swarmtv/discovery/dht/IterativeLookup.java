package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One iterative find_node or get_peers lookup (BEP 5) as a state machine: it says whom to ask next
 * ({@link #next()}: the closest not yet asked, at most {@link #ALPHA} at a time, only among the
 * {@link RoutingTable#K} closest live candidates) and is told of answers and failures. It is done
 * when those K closest have all answered and nothing is in flight, or after {@link #MAX_QUERIES},
 * so even a network that keeps inventing closer nodes cannot keep it going. Sockets and time are
 * the caller's.
 */
public final class IterativeLookup {
  /** Queries in flight at once. */
  public static final int ALPHA = 3;
  /** Queries one lookup sends at most. */
  public static final int MAX_QUERIES = 64;
  /** Candidates kept beyond the K closest, so that failures have stand-ins. */
  static final int MAX_CANDIDATES = 4 * RoutingTable.K;
  /** Peers one lookup collects at most. */
  static final int MAX_PEERS = 1000;

  /** A node that answered get_peers with a token, to which we may announce. */
  public record TokenHolder(NodeContact node, byte[] token) {}

  private enum State { NEW, ASKED, ANSWERED, FAILED }

  private static final class Candidate {
    final InetSocketAddress address;
    NodeId id;
    State state = State.NEW;
    byte[] token;

    Candidate(InetSocketAddress address, NodeId id) {
      this.address = address;
      this.id = id;
    }
  }

  private final NodeId target;
  private final NodeId own;
  private final boolean getPeers;
  private final Map<InetSocketAddress, Candidate> candidates = new LinkedHashMap<>();
  private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
  private final Comparator<Candidate> closestFirst;
  private int inFlight;
  private int queries;

  /**
   * A lookup of {@code target} starting from {@code known} nodes and {@code seeds}, addresses whose
   * ids we do not know yet (bootstrap routers), which are asked first.
   */
  public IterativeLookup(NodeId target, NodeId own, boolean getPeers, Collection<NodeContact> known,
      Collection<InetSocketAddress> seeds) {
    this.target = target;
    this.own = own;
    this.getPeers = getPeers;
    Comparator<Candidate> unknownFirst = Comparator.comparing(c -> c.id != null);
    this.closestFirst = unknownFirst.thenComparing((a, b) -> a.id == null ? 0 : target.compareDistance(a.id, b.id));
    seeds.forEach(s -> candidates.putIfAbsent(s, new Candidate(s, null)));
    offer(known);
  }

  /** What is looked up. */
  public NodeId target() {
    return target;
  }

  /** Whether this is a get_peers lookup (else find_node). */
  public boolean getPeers() {
    return getPeers;
  }

  /** The next addresses to query, now marked as asked; empty when enough are in flight or done. */
  public List<InetSocketAddress> next() {
    List<InetSocketAddress> ask = new ArrayList<>();
    for (Candidate c : closestLive()) {
      if (inFlight >= ALPHA || queries >= MAX_QUERIES) {
        break;
      }
      if (c.state == State.NEW) {
        c.state = State.ASKED;
        inFlight++;
        queries++;
        ask.add(c.address);
      }
    }
    return ask;
  }

  /**
   * Takes {@code from}'s answer: its closer nodes become candidates, its token is kept.
   *
   * @return peers in the answer not seen before in this lookup
   */
  public List<InetSocketAddress> answered(InetSocketAddress from, KrpcResponse response) {
    Candidate c = candidates.get(from);
    if (c == null || c.state != State.ASKED) {
      return List.of();
    }
    inFlight--;
    if (c.id != null && !c.id.equals(response.sender())) {
      // Not the node we were told of; its advice cannot be placed by distance.
      c.state = State.FAILED;
      return List.of();
    }
    c.id = response.sender();
    c.state = State.ANSWERED;
    c.token = response.token();
    offer(response.nodes());
    List<InetSocketAddress> fresh = new ArrayList<>();
    for (InetSocketAddress p : response.peers()) {
      if (peers.size() < MAX_PEERS && peers.add(p)) {
        fresh.add(p);
      }
    }
    return fresh;
  }

  /** Notes that {@code from} did not answer or answered with an error. */
  public void failed(InetSocketAddress from) {
    Candidate c = candidates.get(from);
    if (c != null && c.state == State.ASKED) {
      inFlight--;
      c.state = State.FAILED;
    }
  }

  /** Whether the lookup has finished. */
  public boolean done() {
    if (inFlight > 0) {
      return false;
    }
    if (queries >= MAX_QUERIES) {
      return true;
    }
    return closestLive().stream().noneMatch(c -> c.state == State.NEW);
  }

  /** The K closest nodes that answered, closest first. */
  public List<NodeContact> closestAnswered() {
    List<NodeContact> out = new ArrayList<>();
    for (Candidate c : ranked()) {
      if (c.state == State.ANSWERED && out.size() < RoutingTable.K) {
        out.add(new NodeContact(c.id, c.address));
      }
    }
    return out;
  }

  /** Of the K closest nodes that answered, those that gave a token, closest first. */
  public List<TokenHolder> tokenHolders() {
    List<TokenHolder> out = new ArrayList<>();
    for (Candidate c : ranked()) {
      if (c.state == State.ANSWERED && out.size() < RoutingTable.K && c.token != null) {
        out.add(new TokenHolder(new NodeContact(c.id, c.address), c.token));
      }
    }
    return out;
  }

  /** Every peer found so far. */
  public Set<InetSocketAddress> peers() {
    return Set.copyOf(peers);
  }

  /** Queries sent so far. */
  public int queries() {
    return queries;
  }

  private void offer(Collection<NodeContact> nodes) {
    for (NodeContact n : nodes) {
      if (!n.id().equals(own)) {
        candidates.putIfAbsent(n.address(), new Candidate(n.address(), n.id()));
      }
    }
    if (candidates.size() > MAX_CANDIDATES) {
      List<Candidate> r = ranked();
      for (Candidate c : r.subList(MAX_CANDIDATES, r.size())) {
        if (c.state == State.NEW) {
          candidates.remove(c.address);
        }
      }
    }
  }

  private List<Candidate> ranked() {
    List<Candidate> all = new ArrayList<>(candidates.values());
    all.sort(closestFirst);
    return all;
  }

  /** The K closest candidates that have not failed. */
  private List<Candidate> closestLive() {
    List<Candidate> live = new ArrayList<>(RoutingTable.K);
    for (Candidate c : ranked()) {
      if (c.state != State.FAILED) {
        live.add(c);
        if (live.size() == RoutingTable.K) {
          break;
        }
      }
    }
    return live;
  }
}
