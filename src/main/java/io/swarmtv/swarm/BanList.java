package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.Handshake;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peers that cheated (forged or unasked-for chunks, broken messages), refused for a while.
 *
 * <p>A ban names a peer by address and listen port, not by address alone: the household next door
 * and every other device behind one public address must not pay for one cheat. An address with
 * many banned peers is refused whole. Safe to ask from any thread: a transport checks it when a
 * connection is accepted.
 */
public final class BanList {
  /** Bans kept at most; beyond it the one ending soonest goes, so a flood cannot grow memory. */
  static final int MAX = 4096;
  /** Banned peers on one address beyond which the address itself is refused. */
  static final int PER_ADDRESS = 8;

  private final Map<InetSocketAddress, Long> until = new ConcurrentHashMap<>();

  /** How a peer is named in bans: its address with its listen port, or its source port if it has none. */
  static InetSocketAddress nameOf(PeerLink link, Handshake hello) {
    return hello == null || hello.listenPort() == Handshake.NOT_REACHABLE
        ? link.remoteAddress()
        : new InetSocketAddress(link.remoteAddress().getAddress(), hello.listenPort());
  }

  /** Refuses {@code peer} until {@code untilMicros}. */
  public void ban(InetSocketAddress peer, long untilMicros) {
    if (until.size() >= MAX && !until.containsKey(peer)) {
      InetSocketAddress soonest = null;
      long min = Long.MAX_VALUE;
      for (Map.Entry<InetSocketAddress, Long> e : until.entrySet()) {
        if (e.getValue() < min) {
          min = e.getValue();
          soonest = e.getKey();
        }
      }
      until.remove(soonest);
    }
    until.merge(peer, untilMicros, Math::max);
  }

  /** Whether {@code peer} is refused at {@code nowMicros}. */
  public boolean isBanned(InetSocketAddress peer, long nowMicros) {
    Long end = until.get(peer);
    return end != null && end > nowMicros;
  }

  /** Whether so many peers on {@code address} are banned that the address is refused whole. */
  public boolean isBanned(InetAddress address, long nowMicros) {
    int n = 0;
    for (Map.Entry<InetSocketAddress, Long> e : until.entrySet()) {
      if (e.getValue() > nowMicros && address.equals(e.getKey().getAddress()) && ++n >= PER_ADDRESS) {
        return true;
      }
    }
    return false;
  }

  /** Forgets bans that have run out. */
  public void expire(long nowMicros) {
    for (Iterator<Long> it = until.values().iterator(); it.hasNext(); ) {
      if (it.next() <= nowMicros) it.remove();
    }
  }

  public int size() {
    return until.size();
  }
}
