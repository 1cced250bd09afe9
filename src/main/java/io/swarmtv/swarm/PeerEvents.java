package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.ProtocolException;

/**
 * What a transport reports about its connections to the swarm logic of one channel. The
 * transport calls these from the channel's own thread, one at a time, in the order things happened
 * on each connection.
 */
public interface PeerEvents {

  /** Our handshake for this channel, sent first on every connection. */
  Handshake handshake();

  /**
   * Both handshakes are exchanged and a version agreed. Returns false to refuse the peer (banned,
   * a connection to ourselves, too many peers); the logic has then already closed {@code link}
   * with a reason.
   */
  boolean onConnected(PeerLink link, Handshake theirs, int version);

  /** A decoded message after the handshake. */
  void onMessage(PeerLink link, PeerMessage message);

  /** The peer broke the wire protocol; the transport stops reading from it. */
  void onProtocolError(PeerLink link, ProtocolException error);

  /** The connection is gone, for whatever reason; no more events for {@code link}. */
  void onDisconnected(PeerLink link);
}
