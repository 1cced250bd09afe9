package io.swarmtv.discovery.dht;

import io.swarmtv.ingest.MicrosClock;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs bad input from the network at most once per interval for each kind of problem, counting
 * the rest, so that a flood of garbage leaves a few clear lines instead of filling the disk.
 */
final class ProblemLog {
  private final Logger log;
  private final MicrosClock clock;
  private final long intervalMicros;
  private final Map<String, long[]> byKind = new HashMap<>();

  ProblemLog(Logger log, MicrosClock clock, long intervalMicros) {
    this.log = log;
    this.clock = clock;
    this.intervalMicros = intervalMicros;
  }

  /** Notes a problem of {@code kind} (a fixed phrase) caused by {@code from}. */
  void note(String kind, InetSocketAddress from, String detail) {
    long now = clock.nowMicros();
    // [time last logged, problems suppressed since]
    long[] state = byKind.computeIfAbsent(kind, k -> new long[] {Long.MIN_VALUE, 0});
    if (state[0] != Long.MIN_VALUE && now - state[0] < intervalMicros) {
      state[1]++;
      return;
    }
    String more = state[1] == 0 ? "" : " (" + state[1] + " more like it since the last report)";
    log.info("DHT: {} from {}: {}{}", kind, from, detail, more);
    state[0] = now;
    state[1] = 0;
  }
}
