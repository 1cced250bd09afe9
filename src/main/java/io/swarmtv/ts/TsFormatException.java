package io.swarmtv.ts;

/** Malformed MPEG-TS structure; the message says which field and why. */
public class TsFormatException extends Exception {
  public TsFormatException(String message) {
    super(message);
  }
}
