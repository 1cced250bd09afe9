package io.swarmtv.sim;

/**
 * Where a running simulation stands, reported every few seconds of wall time.
 *
 * @param virtualMicros virtual time since the broadcast started
 * @param totalMicros virtual time the run lasts
 * @param wallNanos wall time since the run started
 * @param events events run so far
 * @param eventsPerSecond events a wall second since the last report
 * @param peers peers in the swarm now
 */
public record Progress(long virtualMicros, long totalMicros, long wallNanos, long events, double eventsPerSecond,
    int peers) {

  /** One line for a terminal. */
  public String line() {
    return String.format(java.util.Locale.ROOT, "simulated %.1f of %.1f s in %.1f s wall, %d peers, %.2fM events/s",
        virtualMicros / 1e6, totalMicros / 1e6, wallNanos / 1e9, peers, eventsPerSecond / 1e6);
  }
}
