package io.swarmtv.web;

/** A channel that is already listed was added again (HTTP 409). */
public final class ChannelConflictException extends IllegalArgumentException {
  public ChannelConflictException(String message) {
    super(message);
  }
}
