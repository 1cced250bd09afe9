package io.swarmtv.channel;

/** Bytes that do not decode to a valid record; the message says which part and why. */
public final class MalformedRecordException extends IllegalArgumentException {
  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
