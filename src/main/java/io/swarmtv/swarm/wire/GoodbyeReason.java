package io.swarmtv.swarm.wire;

/**
 * Why a peer is closing the connection, as carried by {@link Goodbye}. Codes a newer peer sends
 * that this build does not know read as {@link #OTHER}.
 */
public enum GoodbyeReason {
  /** Nothing wrong: leaving the swarm, or dropping a peer it no longer needs. */
  CLOSING(0),
  /** The receiver broke the wire protocol; the detail says how. */
  PROTOCOL_ERROR(1),
  /** The version ranges in the two handshakes do not overlap. */
  INCOMPATIBLE_VERSION(2),
  /** The handshake named a channel the sender is not in. */
  WRONG_CHANNEL(3),
  /** The sender will not talk to the receiver again, e.g. after a forged chunk. */
  BANNED(4),
  /** The sender has as many peers as it wants. */
  TOO_MANY_PEERS(5),
  /** The two are already connected, or the sender dialled itself. */
  DUPLICATE_CONNECTION(6),
  /** A reason this build has no name for. */
  OTHER(255);

  private final int code;

  GoodbyeReason(int code) {
    this.code = code;
  }

  /** The reason byte on the wire. */
  public int code() {
    return code;
  }

  /** The reason with {@code code}; {@link #OTHER} for a code this build does not know. */
  public static GoodbyeReason forCode(int code) {
    for (GoodbyeReason reason : values()) {
      if (reason.code == code) {
        return reason;
      }
    }
    return OTHER;
  }
}
