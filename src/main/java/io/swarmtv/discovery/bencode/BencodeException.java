package io.swarmtv.discovery.bencode;

/** Bencoded input that is malformed, too big or not the shape a caller expected. */
public final class BencodeException extends RuntimeException {
  public BencodeException(String message) {
    super(message);
  }
}
