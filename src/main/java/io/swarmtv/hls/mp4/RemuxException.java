package io.swarmtv.hls.mp4;

/** Input the remuxer cannot take, such as a frame past the size bound; the message says which. */
public class RemuxException extends RuntimeException {
  public RemuxException(String message) {
    super(message);
  }
}
