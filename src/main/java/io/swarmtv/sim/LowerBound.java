package io.swarmtv.sim;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The least delay any protocol could reach on a network: every peer that holds a chunk forwards it
 * back to back at its full uplink, the fastest uplinks are served first, every hop costs the least
 * latency of the network, downlinks never queue and there is no overhead. The holders then at most
 * double per serialisation time, so the last of N peers waits at least about log2(N) hops of
 * serialisation plus latency.
 */
final class LowerBound {
  private LowerBound() {}

  /**
   * When each peer could hold a chunk at the earliest, in microseconds after the source has it,
   * sorted.
   *
   * @param wireBytes the chunk's bytes on the wire
   * @param sourceBitsPerSecond the source's uplink
   * @param peerBitsPerSecond every peer's uplink (free riders as 0)
   * @param hopMicros the least one-way latency
   */
  static long[] arrivals(int wireBytes, long sourceBitsPerSecond, long[] peerBitsPerSecond, long hopMicros) {
    long[] ups = peerBitsPerSecond.clone();
    Arrays.sort(ups);
    int n = ups.length;
    long[] got = new long[n];
    // Holders by when their current send finishes: {finish time, serialisation time}.
    PriorityQueue<long[]> sending = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    long s0 = Host.serialisationMicros(wireBytes, sourceBitsPerSecond);
    sending.add(new long[] {s0, s0});
    for (int i = 0; i < n; i++) {
      long[] next = sending.poll();
      long at = next[0] + hopMicros;
      got[i] = at;
      next[0] += next[1];
      sending.add(next);
      long up = ups[n - 1 - i]; // fastest first
      if (up > 0) {
        long s = Host.serialisationMicros(wireBytes, up);
        sending.add(new long[] {at + s, s});
      }
    }
    return got; // non-decreasing: each poll is at least the last
  }

  /** The value at {@code fraction} of sorted {@code values}, by the same rank rule as the delays. */
  static long percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.max(1, Math.ceil(fraction * sorted.length));
    return sorted[rank - 1];
  }
}
