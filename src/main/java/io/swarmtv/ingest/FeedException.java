package io.swarmtv.ingest;

import java.io.IOException;

/** A feed failed for a reason its message explains to the operator (HTTP 404, file gone, ...). */
public final class FeedException extends IOException {

  public FeedException(String message) {
    super(message);
  }

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
