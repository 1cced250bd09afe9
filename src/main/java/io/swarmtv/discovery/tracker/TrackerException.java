package io.swarmtv.discovery.tracker;

/**
 * A tracker that refused us ({@code failure reason}), answered with something that is not a valid
 * reply, or did not answer in time; the message says which, for the log and the status page.
 */
public final class TrackerException extends RuntimeException {
  public TrackerException(String message) {
    super(message);
  }

  public TrackerException(String message, Throwable cause) {
    super(message, cause);
  }
}
