package io.swarmtv.app;

/** A failure the user can fix; its message is printed alone, as one line that says what to do. */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
