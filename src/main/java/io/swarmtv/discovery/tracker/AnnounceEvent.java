package io.swarmtv.discovery.tracker;

/** The {@code event} of an announce, with its BEP 15 code and its BEP 3 name (empty for a regular one). */
public enum AnnounceEvent {
  NONE(0, ""),
  COMPLETED(1, "completed"),
  STARTED(2, "started"),
  STOPPED(3, "stopped");

  private final int udpCode;
  private final String httpName;

  AnnounceEvent(int udpCode, String httpName) {
    this.udpCode = udpCode;
    this.httpName = httpName;
  }

  /** The event's number in a UDP announce. */
  public int udpCode() {
    return udpCode;
  }

  /** The event's value in an HTTP announce's query; empty means the parameter is left out. */
  public String httpName() {
    return httpName;
  }
}
