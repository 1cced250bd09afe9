package io.swarmtv.swarm;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One neighbour as a node sees it at one moment, for the status page and metrics.
 *
 * @param address the connection's remote address
 * @param listenAddress where it accepts connections, or null if it said it cannot be reached
 * @param source how we came to be connected: where we learned the address we dialed, or
 *     {@link PeerSource#INCOMING} when it dialed us
 * @param connectedMicros when the connection was made (the node's clock)
 * @param parentFor sub-streams it pushes to us, ascending
 * @param childFor sub-streams we push to it, ascending
 * @param rttMicros round-trip time from pings, or -1 before the first answer
 * @param downloadBytesPerSecond bytes it sent us in the last whole second, framing included
 * @param uploadBytesPerSecond bytes we sent it in the last whole second
 * @param chunksOnTime new chunks it gave us within the playout delay of their source timestamp
 * @param chunksLate new chunks it gave us after it
 * @param chunksDown every chunk it sent us, copies included; {@code chunksUp} those we sent it
 */
public record NeighbourStats(
    InetSocketAddress address,
    InetSocketAddress listenAddress,
    PeerSource source,
    long connectedMicros,
    List<Integer> parentFor,
    List<Integer> childFor,
    long rttMicros,
    long downloadBytesPerSecond,
    long uploadBytesPerSecond,
    long chunksOnTime,
    long chunksLate,
    long chunksDown,
    long chunksUp,
    long payloadBytesDown,
    long payloadBytesUp,
    long controlBytesDown,
    long controlBytesUp) {

  public NeighbourStats {
    parentFor = List.copyOf(parentFor);
    childFor = List.copyOf(childFor);
  }

  /** Whether it pushes us at least one sub-stream. */
  public boolean isParent() {
    return !parentFor.isEmpty();
  }

  /** Whether we push it at least one sub-stream. */
  public boolean isChild() {
    return !childFor.isEmpty();
  }
}
