package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.MessageType;
import java.util.Map;

/**
 * A node's figures at one moment: what the status page, metrics and benchmarks report.
 *
 * @param peers neighbours connected now
 * @param chunksStored chunks received, verified and stored (the source: published)
 * @param onTime chunks that arrived within the playout delay of their source timestamp
 * @param late chunks that arrived after it
 * @param expected sequences whose deadline has passed since this node joined
 * @param duplicates chunks received again
 * @param payloadBytesDown chunk payload received; {@code payloadBytesUp} sent
 * @param controlBytesDown all other bytes received (framing, headers, signatures, control messages)
 * @param delayP50Micros median delay from the source timestamp to arrival here; {@code delayP99Micros} the 99th percentile
 * @param bans peers banned for cheating
 * @param controlBytesUpByType {@code controlBytesUp} split by message type: where the protocol's cost goes
 */
public record SwarmStats(
    int peers,
    long chunksStored,
    long onTime,
    long late,
    long expected,
    long duplicates,
    long payloadBytesDown,
    long payloadBytesUp,
    long controlBytesDown,
    long controlBytesUp,
    long delayP50Micros,
    long delayP99Micros,
    long delayMaxMicros,
    long bans,
    Map<MessageType, Long> controlBytesUpByType) {

  public SwarmStats {
    controlBytesUpByType = Map.copyOf(controlBytesUpByType);
  }

  /** Share of expected chunks that arrived on time; 1 before anything is expected. */
  public double continuity() {
    return expected == 0 ? 1.0 : Math.min(1.0, (double) onTime / expected);
  }

  /** Chunks that never came (or came after the deadline) among those expected. */
  public long missing() {
    return Math.max(0, expected - onTime);
  }
}
