package io.swarmtv.sim;

import io.swarmtv.swarm.PeerEvents;
import io.swarmtv.swarm.SwarmNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One modelled machine: its swarm node, its access line (an uplink and a downlink, each a FIFO of
 * bytes at a fixed rate), its distance from the network core, and whether it can be dialled.
 */
final class Host {
  /** Bytes of TCP/IP headers per packet, and payload bytes per packet. */
  static final int PACKET_OVERHEAD = 40;
  static final int PACKET_PAYLOAD = 1460;

  final int index;
  final InetSocketAddress address;
  final long uplinkBitsPerSecond;
  final long downlinkBitsPerSecond;
  /** One-way latency from this host to the core; between two hosts it is the sum of both. */
  final long accessMicros;
  final boolean behindNat;
  final boolean freeRider;
  final long joinedMicros;
  final List<ModelledLink> links = new ArrayList<>();
  /** What the network reports this host's connections to: its swarm node, or a test's recorder. */
  PeerEvents events;
  /** Its swarm node, which the simulation ticks and reads figures from. */
  SwarmNode node;
  /** Where it stands in the simulation's list of viewers, for removal in constant time. */
  int audienceSlot = -1;
  /** Sequences that arrived before their deadline, counted from the first it plays. */
  final java.util.BitSet onTime = new java.util.BitSet();
  boolean alive = true;
  /** When it left, if it did. */
  long leftMicros = Long.MAX_VALUE;
  /** When the uplink and the downlink have sent everything given to them so far. */
  long uplinkBusyUntil;
  long downlinkBusyUntil;
  /** Microseconds from joining until the first chunk it plays from arrived; -1 before. */
  long startupMicros = -1;

  Host(int index, InetSocketAddress address, long uplinkBitsPerSecond, long downlinkBitsPerSecond, long accessMicros,
      boolean behindNat, boolean freeRider, long joinedMicros) {
    this.index = index;
    this.address = address;
    this.uplinkBitsPerSecond = uplinkBitsPerSecond;
    this.downlinkBitsPerSecond = downlinkBitsPerSecond;
    this.accessMicros = accessMicros;
    this.behindNat = behindNat;
    this.freeRider = freeRider;
    this.joinedMicros = joinedMicros;
  }

  /** Bytes on the wire for a frame of {@code frameBytes}: the frame plus a header per packet. */
  static int wireBytes(int frameBytes) {
    return frameBytes + PACKET_OVERHEAD * ((frameBytes + PACKET_PAYLOAD - 1) / PACKET_PAYLOAD);
  }

  /** Microseconds to clock {@code bytes} onto a line of {@code bitsPerSecond}, rounded up. */
  static long serialisationMicros(long bytes, long bitsPerSecond) {
    return (bytes * 8_000_000 + bitsPerSecond - 1) / bitsPerSecond;
  }

  /** One-way latency to {@code other}. */
  long latencyTo(Host other) {
    return accessMicros + other.accessMicros;
  }

  @Override
  public String toString() {
    return "host " + index + " " + address;
  }
}
