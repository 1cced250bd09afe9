package io.swarmtv.swarm.wire;

/**
 * Bytes from a peer that break the wire protocol; the message names the message type, the field,
 * the value found and the bound it broke.
 *
 * <p>Checked, because it is the expected outcome of reading from a stranger, not a bug: whoever
 * reads frames has to decide what to do with the peer (see {@code docs/protocol.md}).
 */
public class ProtocolException extends Exception {
  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
