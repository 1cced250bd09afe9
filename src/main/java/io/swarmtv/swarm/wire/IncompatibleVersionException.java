package io.swarmtv.swarm.wire;

/**
 * Two peers whose protocol version ranges do not overlap. Not misbehaviour: the peer is just
 * older or newer, so it is closed politely rather than banned.
 */
public final class IncompatibleVersionException extends ProtocolException {
  private final VersionRange ours;
  private final VersionRange theirs;

  public IncompatibleVersionException(VersionRange ours, VersionRange theirs) {
    super("no common protocol version: we speak " + ours + ", the peer speaks " + theirs);
    this.ours = ours;
    this.theirs = theirs;
  }

  /** The versions this side speaks. */
  public VersionRange ours() {
    return ours;
  }

  /** The versions the peer said it speaks. */
  public VersionRange theirs() {
    return theirs;
  }
}
