package io.swarmtv.channel;

/** A channel link, or a part of one, that is malformed; the message says which part and why. */
public final class InvalidLinkException extends IllegalArgumentException {
  public InvalidLinkException(String message) {
    super(message);
  }

  public InvalidLinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
