package io.swarmtv.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What a simulated broadcast measured. Delays run from a chunk's source timestamp to its arrival at
 * a peer, over every chunk every peer plays (not its join backfill), as the swarm's own figures do.
 *
 * @param settings what was simulated
 * @param joined peers that joined in all (initial audience, churn replacements, flash crowd)
 * @param left peers that left during the run
 * @param peersAtEnd peers in the swarm at the end
 * @param chunks chunks the source published
 * @param delayP50Micros median delay behind the source; {@code P95}, {@code P99} and max likewise
 * @param continuity share of chunks due at the peers that arrived before their playout deadline
 * @param chunksDue chunks whose deadline passed at a peer while it was there; {@code chunksOnTime} of them in time
 * @param startupP50Micros median time from joining to the first chunk played arriving; {@code P99} likewise
 * @param startups peers that started playing
 * @param sourceUploadRatio the source's chunk upload as a multiple of the stream
 * @param controlOverhead bytes of everything but chunk payload, over chunk payload, summed over all nodes
 * @param duplicates chunks peers received more than once
 * @param bans peers banned (an honest swarm bans none)
 * @param freeRiderPayloadUp chunk payload bytes the free riders uploaded (none, if they are free riders)
 * @param boundP50Micros the ideal broadcast's median delay on the same network ({@link LowerBound}); {@code P99} likewise
 * @param events events simulated; {@code wallMillis} how long it took
 */
public record SimulationReport(
    SimulationSettings settings,
    long joined,
    long left,
    int peersAtEnd,
    long chunks,
    long delayP50Micros,
    long delayP95Micros,
    long delayP99Micros,
    long delayMaxMicros,
    double continuity,
    long chunksDue,
    long chunksOnTime,
    long startupP50Micros,
    long startupP99Micros,
    long startups,
    double sourceUploadRatio,
    double controlOverhead,
    long duplicates,
    long bans,
    long freeRiderPayloadUp,
    long boundP50Micros,
    long boundP99Micros,
    long events,
    long wallMillis) {

  /** Measured median delay over the ideal one. */
  @JsonProperty
  public double p50OverBound() {
    return boundP50Micros == 0 ? 0 : (double) delayP50Micros / boundP50Micros;
  }

  /** Measured 99th-percentile delay over the ideal one. */
  @JsonProperty
  public double p99OverBound() {
    return boundP99Micros == 0 ? 0 : (double) delayP99Micros / boundP99Micros;
  }

  /** The report for people, in the shape of the loopback benchmark's line and then in detail. */
  public String text() {
    SimulationSettings s = settings;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%d peers, %d chunks: delay behind the source p50 %d ms, p99 %d ms;"
            + " continuity %.4f; source uploads %.2fx the stream; control overhead %.2f%%%n",
        joined, chunks, delayP50Micros / 1000, delayP99Micros / 1000, continuity, sourceUploadRatio,
        100 * controlOverhead));
    b.append(String.format(Locale.ROOT, "network: %d peers at the start (joining over %.0f s), %.3g Mbit/s stream in"
            + " %d B chunks, uplinks %s Mbit/s, downlinks %.0f Mbit/s, source uplink %.0f Mbit/s, RTT %.0f-%.0f ms,"
            + " %.0f%% behind NAT, %.0f%% free riders, churn %.1f%%/min, flash crowd %d, seed %d%n",
        s.peers(), s.rampMicros() / 1e6, s.streamBitsPerSecond() / 1e6, s.chunkBytes(), s.uplinks(),
        s.downlinkMbit(), s.sourceUplinkMbit(), s.rttMinMicros() / 1e3, s.rttMaxMicros() / 1e3, s.natPercent(),
        s.freeRiderPercent(), s.churnPercentPerMinute(), s.flashCrowd(), s.seed()));
    b.append(String.format(Locale.ROOT, "audience: %d joined, %d left, %d at the end%n", joined, left, peersAtEnd));
    b.append(String.format(Locale.ROOT, "delay behind the source: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        delayP50Micros / 1e3, delayP95Micros / 1e3, delayP99Micros / 1e3, delayMaxMicros / 1e3));
    b.append(String.format(Locale.ROOT, "lower bound on this network: p50 %.1f ms, p99 %.1f ms;"
            + " measured/bound %.2fx at p50, %.2fx at p99%n",
        boundP50Micros / 1e3, boundP99Micros / 1e3, p50OverBound(), p99OverBound()));
    b.append(String.format(Locale.ROOT, "continuity: %.4f (%d of %d chunks before their %.1f s deadline)%n",
        continuity, chunksOnTime, chunksDue, s.swarm().playoutDelayMicros() / 1e6));
    b.append(String.format(Locale.ROOT, "startup of joiners: p50 %.0f ms, p99 %.0f ms (%d peers started)%n",
        startupP50Micros / 1e3, startupP99Micros / 1e3, startups));
    b.append(String.format(Locale.ROOT, "source upload: %.2fx the stream; control overhead %.2f%%;"
            + " duplicates %d; bans %d; free riders uploaded %d B%n", sourceUploadRatio, 100 * controlOverhead,
        duplicates, bans, freeRiderPayloadUp));
    b.append(String.format(Locale.ROOT, "simulated %.0f s in %.1f s wall, %d events (%.2fM/s)%n",
        s.durationMicros() / 1e6, wallMillis / 1e3, events, wallMillis == 0 ? 0 : events / (wallMillis * 1e3)));
    return b.toString();
  }
}
