package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.PeerExchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Addresses a node may dial for more neighbours, and the peer exchange that spreads them. */
final class PeerCandidates {
  /** Addresses kept at most, so peer exchange cannot grow memory without end. */
  static final int MAX = 1000;
  /** How long before an address that did not work out is tried again. */
  static final long REDIAL_AFTER_MICROS = 10_000_000;

  /** Each address with where it was first learned. */
  private final Map<InetSocketAddress, PeerSource> candidates = new LinkedHashMap<>();
  private final Map<InetSocketAddress, Long> dialed = new HashMap<>();
  private final int[] learned = new int[PeerSource.values().length];

  /** Keeps {@code address}, counting it for {@code source} if it is new. */
  void add(InetSocketAddress address, PeerSource source) {
    if (candidates.size() < MAX && candidates.putIfAbsent(address, source) == null) {
      learned[source.ordinal()]++;
    }
  }

  /**
   * How a connection with {@code remote} came about: where we learned the address if we dialed
   * it, else {@link PeerSource#INCOMING} (a peer that dials us shows its source port, not an
   * address we dialed).
   */
  PeerSource sourceOf(InetSocketAddress remote) {
    PeerSource s = dialed.containsKey(remote) ? candidates.get(remote) : null;
    return s != null ? s : PeerSource.INCOMING;
  }

  /** Distinct addresses learned from each source since the node started. */
  Map<PeerSource, Integer> learnedBySource() {
    Map<PeerSource, Integer> out = new EnumMap<>(PeerSource.class);
    for (PeerSource s : PeerSource.values()) {
      out.put(s, learned[s.ordinal()]);
    }
    return out;
  }

  int size() {
    return candidates.size();
  }

  /**
   * Dials up to {@code want} addresses not connected, not banned and not tried lately.
   *
   * @param peers the neighbours now
   */
  void dialMore(Collection<RemotePeer> peers, int want, BanList bans, Dialer dialer, long now) {
    if (want <= 0 || candidates.isEmpty()) {
      return;
    }
    Set<InetSocketAddress> connected = new HashSet<>();
    for (RemotePeer p : peers) {
      InetSocketAddress a = p.listenAddress();
      if (a != null) connected.add(a);
    }
    for (InetSocketAddress a : candidates.keySet()) {
      if (want == 0) {
        return;
      }
      if (connected.contains(a) || bans.isBanned(a, now) || bans.isBanned(a.getAddress(), now)) {
        continue;
      }
      Long last = dialed.get(a);
      if (last != null && now - last < REDIAL_AFTER_MICROS) {
        continue;
      }
      dialed.put(a, now);
      dialer.dial(a);
      want--;
    }
  }

  /**
   * The peer exchange each neighbour should get: the listen addresses of the others it has not
   * heard of from us, and those it heard of that are gone since. A neighbour hears each address
   * once, not every round: repeating the whole list was a quarter of the protocol's cost.
   */
  static Map<RemotePeer, PeerExchange> exchange(Collection<RemotePeer> peers) {
    Set<InetSocketAddress> known = new LinkedHashSet<>();
    for (RemotePeer p : peers) {
      InetSocketAddress a = p.listenAddress();
      if (a != null) known.add(a);
    }
    Map<RemotePeer, PeerExchange> out = new LinkedHashMap<>();
    for (RemotePeer p : peers) {
      if (!p.hello.has(Capabilities.PEER_EXCHANGE)) continue;
      List<InetSocketAddress> added = new ArrayList<>();
      for (InetSocketAddress a : known) {
        if (added.size() == PeerExchange.MAX_ADDRESSES) break;
        if (!a.equals(p.listenAddress()) && p.toldAddresses.add(a)) added.add(a);
      }
      List<InetSocketAddress> dropped = new ArrayList<>();
      for (var i = p.toldAddresses.iterator(); i.hasNext() && dropped.size() < PeerExchange.MAX_ADDRESSES; ) {
        InetSocketAddress a = i.next();
        if (!known.contains(a)) {
          dropped.add(a);
          i.remove();
        }
      }
      if (!added.isEmpty() || !dropped.isEmpty()) out.put(p, new PeerExchange(added, dropped));
    }
    return out;
  }
}
