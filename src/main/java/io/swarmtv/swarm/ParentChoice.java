package io.swarmtv.swarm;

import java.util.Collection;
import java.util.Random;

/** Which neighbour should push a sub-stream to us, and when a parent has stalled. */
final class ParentChoice {
  private final SwarmSettings settings;
  private final Random random;

  ParentChoice(SwarmSettings settings, Random random) {
    this.settings = settings;
    this.random = random;
  }

  /**
   * The neighbour to subscribe to for {@code sub}: among those holding chunks about as fresh as
   * any (within two rounds of K), the one that is parent for the fewest of our sub-streams, with a
   * little randomness so a crowd joining at once does not all pick the same parent (the source,
   * freshest of all, takes only a few children per sub-stream). Null when no one will do.
   */
  RemotePeer pick(Collection<RemotePeer> peers, int sub, long now) {
    long freshest = -1;
    for (RemotePeer p : peers) {
      freshest = Math.max(freshest, p.holdings.newest());
    }
    RemotePeer best = null;
    long bestScore = Long.MIN_VALUE;
    for (RemotePeer p : peers) {
      if (!p.pushes() || p.avoidUntilMicros[sub] > now || p.childFrom[sub] >= 0 || p.holdings.newest() < 0) {
        continue;
      }
      boolean fresh = p.holdings.newest() >= freshest - 2L * settings.subStreams();
      long score = (fresh ? Long.MAX_VALUE / 2 : p.holdings.newest() * 64) - p.parentRoles() * 16L
          + random.nextInt(16);
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }

  /**
   * Whether {@code parent} has stalled on {@code sub}: it pushed nothing for the stall time while
   * this node keeps up with the swarm otherwise (a node cut off from everyone is not its parent's
   * fault).
   */
  boolean stalled(RemotePeer parent, int sub, long now, long known, long newestHeld) {
    return now - parent.lastPushMicros[sub] > settings.parentStallMicros()
        && known - newestHeld < settings.subStreams() * 4L
        && known >= 0;
  }
}
