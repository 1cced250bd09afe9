package io.swarmtv.swarm;

/**
 * How a peer takes part in a channel's swarm.
 *
 * @param subStreams K: chunk {@code s} belongs to sub-stream {@code s mod K}, each pushed by its own parent
 * @param windowMicros how much stream a peer keeps to serve others
 * @param maxAhead how far past the newest chunk held a chunk may be before it is refused
 * @param sourceCopies how many times in all the source uploads each chunk, whatever the audience
 * @param uploadSlots sub-stream subscriptions a relay serves at once (K slots = one whole stream)
 * @param targetPeers neighbours a peer tries to keep; {@code maxPeers} it accepts
 * @param maxPeers neighbours beyond which connections are refused
 * @param repairAfterMicros how long a chunk known to exist may be missing before it is pulled
 * @param requestTimeoutMicros how long a pull request waits before it is asked of someone else
 * @param parentStallMicros how long a parent may push nothing while the sub-stream moves on
 * @param playoutDelayMicros a chunk arriving later than this after its source timestamp is late
 * @param joinBackfill sequences before the newest a joining peer also fetches, so its players can
 *     start at a keyframe
 * @param banMicros how long a peer that cheated is refused
 * @param tickMicros how often timers run
 * @param uploadLimit bytes a second this node uploads at most, in all; 0 for no limit
 * @param peerUploadLimit bytes a second it uploads to any one neighbour; 0 for no limit
 */
public record SwarmSettings(
    int subStreams,
    long windowMicros,
    int maxAhead,
    int sourceCopies,
    int uploadSlots,
    int targetPeers,
    int maxPeers,
    long repairAfterMicros,
    long requestTimeoutMicros,
    long parentStallMicros,
    long playoutDelayMicros,
    int joinBackfill,
    long banMicros,
    long tickMicros,
    long uploadLimit,
    long peerUploadLimit) {

  public static final SwarmSettings DEFAULT = new SwarmSettings(
      4, 30_000_000, 1024, 4, 16, 8, 24, 150_000, 600_000, 1_000_000, 2_000_000, 64, 600_000_000, 20_000, 0, 0);

  public SwarmSettings {
    if (subStreams < 1 || subStreams > 64) {
      throw new IllegalArgumentException("sub-streams must be 1..64, was " + subStreams);
    }
    if (sourceCopies < 1 || uploadSlots < 0 || targetPeers < 1 || maxPeers < targetPeers) {
      throw new IllegalArgumentException("copies, slots and peer counts must be positive, max >= target");
    }
    if (uploadLimit < 0 || peerUploadLimit < 0) {
      throw new IllegalArgumentException("upload limits must not be negative");
    }
    if (windowMicros <= 0 || tickMicros <= 0 || repairAfterMicros < 0 || requestTimeoutMicros <= 0) {
      throw new IllegalArgumentException("durations must be positive");
    }
  }

  /** These settings with a total upload limit in bytes a second (0: none). */
  public SwarmSettings withUploadLimit(long bytesPerSecond) {
    return new SwarmSettings(subStreams, windowMicros, maxAhead, sourceCopies, uploadSlots, targetPeers, maxPeers,
        repairAfterMicros, requestTimeoutMicros, parentStallMicros, playoutDelayMicros, joinBackfill, banMicros,
        tickMicros, bytesPerSecond, peerUploadLimit);
  }

  /** These settings with timers ticking every {@code micros}. */
  public SwarmSettings withTickMicros(long micros) {
    return new SwarmSettings(subStreams, windowMicros, maxAhead, sourceCopies, uploadSlots, targetPeers, maxPeers,
        repairAfterMicros, requestTimeoutMicros, parentStallMicros, playoutDelayMicros, joinBackfill, banMicros,
        micros, uploadLimit, peerUploadLimit);
  }
}
