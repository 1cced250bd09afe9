package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import java.util.Arrays;

/**
 * Which link to keep when two peers dial each other at the same moment (as LAN discovery makes
 * them do): each side would keep its own and close the other's, and both links would die. Both
 * sides instead keep the link that the peer with the smaller id dialled.
 */
final class SimultaneousOpen {
  private SimultaneousOpen() {}

  /**
   * Whether {@code newLink} should replace {@code oldLink}, both to the peer that said {@code theirs}.
   *
   * @param us this node's peer id
   */
  static boolean keepNew(PeerId us, PeerLink oldLink, PeerLink newLink, Handshake theirs) {
    boolean oldDialledByUs = dialledByUs(oldLink, theirs);
    boolean newDialledByUs = dialledByUs(newLink, theirs);
    if (oldDialledByUs == newDialledByUs) {
      return false; // a plain second connection, not a crossing: the first one stays
    }
    boolean weAreSmaller = Arrays.compareUnsigned(us.bytes(), theirs.peerId().bytes()) < 0;
    return newDialledByUs == weAreSmaller;
  }

  /** A link we dialled reaches the peer on the port it listens on; one it dialled comes from an ephemeral port. */
  private static boolean dialledByUs(PeerLink link, Handshake theirs) {
    return theirs.listenPort() != Handshake.NOT_REACHABLE && link.remoteAddress().getPort() == theirs.listenPort();
  }
}
