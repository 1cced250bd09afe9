package io.swarmtv.swarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * When each neighbour hears which chunks we stored. A neighbour needs that news only to pull what
 * its parents failed to push, and a handful of holders per chunk is plenty for that, so only a few
 * neighbours hear it every {@link #FAST_MICROS}: our children (they turn to us first), those that
 * pulled from us lately, and a random few more; the rest hear every {@link #SLOW_MICROS}, enough
 * to know we are alive and how fresh we are. Telling every neighbour ten times a second was
 * nearly half the protocol's cost at a score of neighbours.
 */
final class AnnounceSchedule {
  static final long FAST_MICROS = 100_000;
  static final long SLOW_MICROS = 1_000_000;
  /** Neighbours told every {@link #FAST_MICROS}, children and recent pullers counted first. */
  static final int FAST_NEIGHBOURS = 6;
  /** A neighbour that pulled from us within this long stays among the fast ones. */
  static final long PULLER_MICROS = 5_000_000;

  private AnnounceSchedule() {}

  /** The neighbours with news to hear whose turn has come at {@code now}. */
  static List<RemotePeer> due(Collection<RemotePeer> peers, long now) {
    List<RemotePeer> fast = new ArrayList<>();
    List<RemotePeer> rest = new ArrayList<>();
    for (RemotePeer p : peers) {
      (p.children() > 0 || now - p.lastPulledMicros < PULLER_MICROS ? fast : rest).add(p);
    }
    rest.sort(Comparator.comparingInt(p -> p.lottery));
    int fill = Math.max(0, Math.min(rest.size(), FAST_NEIGHBOURS - fast.size()));
    List<RemotePeer> due = new ArrayList<>();
    for (int i = 0; i < fast.size() + rest.size(); i++) {
      boolean isFast = i < fast.size() || i - fast.size() < fill;
      RemotePeer p = i < fast.size() ? fast.get(i) : rest.get(i - fast.size());
      if (p.announceFrom >= 0 && now - p.lastAnnounceMicros >= (isFast ? FAST_MICROS : SLOW_MICROS)) {
        due.add(p);
      }
    }
    return due;
  }
}
