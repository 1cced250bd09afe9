package io.swarmtv.discovery.dht;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP address: each address may send {@code burst} datagrams at once and
 * {@code perSecond} after that. Remembers at most {@code maxSources} addresses, forgetting the
 * least recently seen, so a flood from many addresses cannot grow it without bound.
 */
public final class SourceRateLimit {
  private final double perMicro;
  private final double burst;
  private final LinkedHashMap<InetAddress, double[]> buckets;

  public SourceRateLimit(double perSecond, int burst, int maxSources) {
    this.perMicro = perSecond / 1_000_000.0;
    this.burst = burst;
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
        return size() > maxSources;
      }
    };
  }

  /** Whether a datagram from {@code source} may be handled now; takes one token if so. */
  public boolean allow(InetAddress source, long nowMicros) {
    // [tokens, time of last refill]
    double[] b = buckets.computeIfAbsent(source, s -> new double[] {burst, nowMicros});
    b[0] = Math.min(burst, b[0] + Math.max(0, nowMicros - b[1]) * perMicro);
    b[1] = nowMicros;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }

  /** Addresses remembered. */
  public int sources() {
    return buckets.size();
  }
}
