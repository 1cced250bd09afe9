package io.swarmtv.app;

import io.swarmtv.hls.ChannelHls;
import io.swarmtv.swarm.SwarmStats;
import io.swarmtv.swarm.net.ChannelSwarm;

/**
 * A channel the gateway is in the swarm of now: its swarm, what serves it over HTTP, how it finds
 * peers, when someone last watched it and its transfer rates over the last tick.
 */
final class JoinedChannel {
  final ChannelSwarm swarm;
  final ChannelHls hls;
  final ChannelPeers.Search search;
  private long lastWatchedMicros;
  private long lastDown;
  private long lastUp;
  private long lastMicros;
  private long downBitsPerSecond;
  private long upBitsPerSecond;

  JoinedChannel(ChannelSwarm swarm, ChannelHls hls, ChannelPeers.Search search, long nowMicros) {
    this.swarm = swarm;
    this.hls = hls;
    this.search = search;
    this.lastWatchedMicros = nowMicros;
    this.lastMicros = nowMicros;
  }

  synchronized void watched(long nowMicros) {
    lastWatchedMicros = Math.max(lastWatchedMicros, nowMicros);
  }

  synchronized long idleMicros(long nowMicros) {
    return nowMicros - lastWatchedMicros;
  }

  /** Takes the byte counts now and works out the rates since the last call. */
  synchronized void measure(SwarmStats s, long nowMicros) {
    long dt = nowMicros - lastMicros;
    if (dt <= 0) {
      return;
    }
    downBitsPerSecond = (s.payloadBytesDown() - lastDown) * 8_000_000 / dt;
    upBitsPerSecond = (s.payloadBytesUp() - lastUp) * 8_000_000 / dt;
    lastDown = s.payloadBytesDown();
    lastUp = s.payloadBytesUp();
    lastMicros = nowMicros;
  }

  synchronized long downBitsPerSecond() {
    return downBitsPerSecond;
  }

  synchronized long upBitsPerSecond() {
    return upBitsPerSecond;
  }
}
