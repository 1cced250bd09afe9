package io.swarmtv.swarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pull repair: which missing chunks to request now, and from whom. Lowest sequence (earliest
 * deadline) first; a chunk a parent is about to push gets {@link SwarmSettings#repairAfterMicros()}
 * to arrive first.
 */
final class RepairPlanner {
  /** Missing sequences looked at per tick, so a node far behind does not stall its thread. */
  static final int PER_TICK = 512;
  /** Requests a neighbour may have open at once. */
  static final int MAX_IN_FLIGHT = 64;

  private final SwarmSettings settings;
  /** When each missing sequence was first seen missing. */
  private final Map<Long, Long> missingSince = new HashMap<>();
  /** Every sequence from the window's start through this one is held. */
  private long completeThrough = -1;

  RepairPlanner(SwarmSettings settings) {
    this.settings = settings;
  }

  /**
   * The requests to send: for each chunk in {@code from..known} not held, not awaited, and not
   * about to be pushed, the holder to ask. Marks each as requested from that holder.
   *
   * @param pushFrom per sub-stream, the first sequence our parents were asked to push
   */
  Map<RemotePeer, List<Long>> plan(Collection<RemotePeer> peers, ChunkWindow window, long from, long known,
      long[] pushFrom, long now) {
    missingSince.keySet().removeIf(seq -> seq < from);
    // Everything up to completeThrough is held: no need to look there again.
    long start = Math.max(from, completeThrough + 1);
    while (start <= known && window.has(start)) {
      start++;
    }
    completeThrough = start - 1;
    Map<RemotePeer, List<Long>> asks = new LinkedHashMap<>();
    int budget = PER_TICK;
    for (long seq = start; seq <= known && budget > 0; seq++) {
      if (window.has(seq)) {
        continue;
      }
      budget--; // only missing chunks count: the window may hold far more than a tick's budget
      long since = missingSince.computeIfAbsent(seq, s -> now);
      int sub = (int) (seq % settings.subStreams());
      boolean pushComing = seq >= pushFrom[sub] && hasParent(peers, sub);
      if (pushComing && now - since < settings.repairAfterMicros() || awaited(peers, seq, now)) {
        continue;
      }
      RemotePeer holder = pickHolder(peers, seq, now, asks);
      if (holder != null) {
        holder.requested.put(seq, now);
        asks.computeIfAbsent(holder, k -> new ArrayList<>()).add(seq);
      }
    }
    return asks;
  }

  /** Stops tracking {@code seq}: it arrived. */
  void arrived(long seq) {
    missingSince.remove(seq);
  }

  /** The first missing sequences, for logs. */
  List<Long> missing(int max) {
    return missingSince.keySet().stream().sorted().limit(max).toList();
  }

  private static boolean hasParent(Collection<RemotePeer> peers, int sub) {
    for (RemotePeer p : peers) {
      if (p.parentOf[sub]) return true;
    }
    return false;
  }

  private boolean awaited(Collection<RemotePeer> peers, long seq, long now) {
    for (RemotePeer p : peers) {
      if (p.awaiting(seq, now, settings.requestTimeoutMicros())) return true;
    }
    return false;
  }

  /**
   * The holder to ask: one not asked for this chunk before if there is one (a peer that refused
   * or ignored it is likely to again), then the least loaded, then the nearest.
   */
  private RemotePeer pickHolder(Collection<RemotePeer> peers, long seq, long now, Map<RemotePeer, List<Long>> asks) {
    RemotePeer best = null;
    long bestScore = Long.MAX_VALUE;
    for (RemotePeer p : peers) {
      if (!p.holdings.has(seq)) {
        continue;
      }
      long load = p.inFlight(now, settings.requestTimeoutMicros()) + asks.getOrDefault(p, List.of()).size();
      if (load >= MAX_IN_FLIGHT) {
        continue;
      }
      long score = (p.requested.containsKey(seq) ? 1_000_000 : 0)
          + load * 1000 + (p.rttMicros < 0 ? 500 : Math.min(999, p.rttMicros / 1000));
      if (score < bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }
}
