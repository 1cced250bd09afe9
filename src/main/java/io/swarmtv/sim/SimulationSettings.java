package io.swarmtv.sim;

import io.swarmtv.swarm.SwarmSettings;
import java.util.Objects;

/**
 * What to simulate: the audience, its network and how it comes and goes.
 *
 * @param peers viewers that join at the start (over {@code rampMicros})
 * @param durationMicros virtual time the broadcast runs
 * @param seed makes the run repeatable: the same settings and seed give the same figures
 * @param churnPercentPerMinute share of the audience that leaves abruptly each minute, each one
 *     replaced by a newcomer (so the audience stays the same size)
 * @param flashCrowd extra viewers that join within one minute, starting half-way through the run
 * @param freeRiderPercent share of peers that upload nothing
 * @param natPercent share of peers behind NAT: they dial out but cannot be dialled
 * @param uplinks the mix of peer uplink speeds
 * @param downlinkMbit every peer's downlink (at least its uplink), Mbit/s
 * @param sourceUplinkMbit the broadcaster's uplink, Mbit/s
 * @param rttMinMicros the round-trip time between the two closest peers; {@code rttMaxMicros} the farthest
 * @param chunkBytes payload bytes per chunk
 * @param chunksPerSecond chunks the broadcaster cuts a second
 * @param rampMicros how long the initial audience takes to join, evenly spread
 * @param uploadLimitShare each node's upload limit ({@code swarmtv gateway --upload-limit}) as a share
 *     of its uplink, leaving the rest for framing, control and the household; 0 for no limit
 * @param swarm the swarm settings every node runs with, but for the upload limit
 */
public record SimulationSettings(
    int peers,
    long durationMicros,
    long seed,
    double churnPercentPerMinute,
    int flashCrowd,
    double freeRiderPercent,
    double natPercent,
    UplinkMix uplinks,
    double downlinkMbit,
    double sourceUplinkMbit,
    long rttMinMicros,
    long rttMaxMicros,
    int chunkBytes,
    int chunksPerSecond,
    long rampMicros,
    double uploadLimitShare,
    SwarmSettings swarm) {

  /** Most peers a run takes (initial audience plus flash crowd). */
  public static final int MAX_PEERS = 1_000_000;

  public SimulationSettings {
    Objects.requireNonNull(uplinks);
    Objects.requireNonNull(swarm);
    if (peers < 1 || peers > MAX_PEERS) {
      throw new IllegalArgumentException("peers must be 1.." + MAX_PEERS + ", was " + peers);
    }
    if (flashCrowd < 0 || (long) peers + flashCrowd > MAX_PEERS) {
      throw new IllegalArgumentException("flash crowd must be 0.." + (MAX_PEERS - peers) + ", was " + flashCrowd);
    }
    if (durationMicros < 1_000_000 || durationMicros > 24 * 3600_000_000L) {
      throw new IllegalArgumentException("the run must last 1 s to 24 h of virtual time");
    }
    percent("churn per minute", churnPercentPerMinute);
    percent("free riders", freeRiderPercent);
    percent("peers behind NAT", natPercent);
    if (!(downlinkMbit > 0) || !(sourceUplinkMbit > 0) || downlinkMbit > 100_000 || sourceUplinkMbit > 100_000) {
      throw new IllegalArgumentException("downlink and source uplink must be above 0 and at most 100000 Mbit/s");
    }
    if (rttMinMicros < 2 || rttMaxMicros < rttMinMicros || rttMaxMicros > 10_000_000) {
      throw new IllegalArgumentException("round-trip times must satisfy 0 < min <= max <= 10 s, were "
          + rttMinMicros / 1000.0 + " and " + rttMaxMicros / 1000.0 + " ms");
    }
    if (chunkBytes < 188 || chunkBytes > io.swarmtv.channel.Chunk.MAX_PAYLOAD) {
      throw new IllegalArgumentException("chunk bytes must be 188.." + io.swarmtv.channel.Chunk.MAX_PAYLOAD + ", was " + chunkBytes);
    }
    if (chunksPerSecond < 1 || chunksPerSecond > 1000) {
      throw new IllegalArgumentException("chunks a second must be 1..1000, was " + chunksPerSecond);
    }
    if (!(uploadLimitShare >= 0 && uploadLimitShare <= 1)) {
      throw new IllegalArgumentException("the upload limit's share of the uplink must be 0..1, was " + uploadLimitShare);
    }
    if (rampMicros < 0 || rampMicros > durationMicros) {
      throw new IllegalArgumentException("the ramp must be 0 up to the run's length");
    }
  }

  private static void percent(String what, double value) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(what + " must be 0..100 %, was " + value);
    }
  }

  /** Defaults for {@code peers} viewers over {@code minutes}: a 1.5 Mbit/s stream, the default mix of uplinks. */
  public static SimulationSettings of(int peers, double minutes) {
    return new SimulationSettings(peers, (long) (minutes * 60_000_000), 1, 0, 0, 0, 0, UplinkMix.DEFAULT, 50, 20,
        10_000, 150_000, 7520, 25, Math.min(10_000_000, (long) (minutes * 30_000_000)), 0.8, SwarmSettings.DEFAULT);
  }

  /** The stream's payload rate, bits a second. */
  public long streamBitsPerSecond() {
    return (long) chunkBytes * chunksPerSecond * 8;
  }

  public SimulationSettings withSeed(long s) {
    return new SimulationSettings(peers, durationMicros, s, churnPercentPerMinute, flashCrowd, freeRiderPercent,
        natPercent, uplinks, downlinkMbit, sourceUplinkMbit, rttMinMicros, rttMaxMicros, chunkBytes, chunksPerSecond,
        rampMicros, uploadLimitShare, swarm);
  }

  public SimulationSettings withAudience(double churn, int flash, double freeRiders, double nat) {
    return new SimulationSettings(peers, durationMicros, seed, churn, flash, freeRiders, nat, uplinks, downlinkMbit,
        sourceUplinkMbit, rttMinMicros, rttMaxMicros, chunkBytes, chunksPerSecond, rampMicros, uploadLimitShare, swarm);
  }

  public SimulationSettings withNetwork(UplinkMix mix, double downlink, double sourceUplink, long rttMin, long rttMax) {
    return new SimulationSettings(peers, durationMicros, seed, churnPercentPerMinute, flashCrowd, freeRiderPercent,
        natPercent, mix, downlink, sourceUplink, rttMin, rttMax, chunkBytes, chunksPerSecond, rampMicros, uploadLimitShare, swarm);
  }

  public SimulationSettings withStream(int bytes, int perSecond) {
    return new SimulationSettings(peers, durationMicros, seed, churnPercentPerMinute, flashCrowd, freeRiderPercent,
        natPercent, uplinks, downlinkMbit, sourceUplinkMbit, rttMinMicros, rttMaxMicros, bytes, perSecond,
        rampMicros, uploadLimitShare, swarm);
  }
}
