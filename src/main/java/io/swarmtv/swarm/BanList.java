package io.swarmtv.swarm;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses that cheated (forged or unasked-for chunks, broken messages), refused for a while.
 * Safe to ask from any thread: a transport checks it when a connection is accepted.
 */
public final class BanList {
  /** Bans kept at most; beyond it the one ending soonest goes, so a flood cannot grow memory. */
  static final int MAX = 4096;

  private final Map<InetAddress, Long> until = new ConcurrentHashMap<>();

  /** Refuses {@code address} until {@code untilMicros}. */
  public void ban(InetAddress address, long untilMicros) {
    if (until.size() >= MAX && !until.containsKey(address)) {
      InetAddress soonest = null;
      long min = Long.MAX_VALUE;
      for (Map.Entry<InetAddress, Long> e : until.entrySet()) {
        if (e.getValue() < min) {
          min = e.getValue();
          soonest = e.getKey();
        }
      }
      until.remove(soonest);
    }
    until.merge(address, untilMicros, Math::max);
  }

  /** Whether {@code address} is refused at {@code nowMicros}. */
  public boolean isBanned(InetAddress address, long nowMicros) {
    Long end = until.get(address);
    return end != null && end > nowMicros;
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
