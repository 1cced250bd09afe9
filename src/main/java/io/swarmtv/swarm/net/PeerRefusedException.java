package io.swarmtv.swarm.net;

import io.swarmtv.swarm.wire.GoodbyeReason;
import java.io.IOException;

/**
 * A dialled connection that ended after both handshakes without becoming a link: the peer is in
 * another channel, or the swarm logic refused it. Neither side misbehaved.
 */
public final class PeerRefusedException extends IOException {
  private final GoodbyeReason reason;

  public PeerRefusedException(GoodbyeReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The goodbye reason the connection was closed with. */
  public GoodbyeReason reason() {
    return reason;
  }
}
