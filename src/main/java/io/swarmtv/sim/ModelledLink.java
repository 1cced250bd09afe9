package io.swarmtv.sim;

import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerMessage;
import java.net.InetSocketAddress;

/**
 * One end of a modelled TCP connection. A message goes out through the sender's uplink (a FIFO
 * shared by all its connections), crosses the latency between the hosts and comes in through the
 * receiver's downlink, packet by packet: a message is whole at the receiver when its last packet
 * is, so a fast uplink to a slow downlink pipelines rather than storing and forwarding.
 */
final class ModelledLink implements PeerLink {
  final Host owner;
  final Host remote;
  final long latencyMicros;
  private final Network network;
  ModelledLink other;
  boolean open = true;
  /** Deliveries to this end waiting on the downlink: later messages may not overtake them. */
  int pendingDeliveries;
  long lastDeliveryMicros;
  /** When the last message sent to this end reaches its line: later ones may not come sooner. */
  long lastArrivalMicros;
  // Frames handed to the uplink and not yet wholly sent: when each finishes, and its bytes.
  private long[] queuedUntil = new long[8];
  private int[] queuedSize = new int[8];
  private int queueHead;
  private int queueLength;
  private long queuedBytes;

  ModelledLink(Network network, Host owner, Host remote) {
    this.network = network;
    this.owner = owner;
    this.remote = remote;
    this.latencyMicros = owner.latencyTo(remote);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote.address;
  }

  @Override
  public void send(PeerMessage message) {
    if (!open) {
      return;
    }
    long now = network.now();
    int bytes = Host.wireBytes(MessageCodec.frameLength(message));
    long up = owner.uplinkBitsPerSecond;
    long start = Math.max(now, owner.uplinkBusyUntil);
    long sent = start + Host.serialisationMicros(bytes, up);
    owner.uplinkBusyUntil = sent;
    enqueue(sent, bytes);
    long firstPacketIn = start + Host.serialisationMicros(Math.min(bytes, Host.PACKET_PAYLOAD + Host.PACKET_OVERHEAD), up)
        + latencyMicros;
    long lastPacketIn = sent + latencyMicros
        + Host.serialisationMicros(Math.min(bytes, Host.PACKET_PAYLOAD + Host.PACKET_OVERHEAD), remote.downlinkBitsPerSecond);
    network.arrive(other, message, sent, firstPacketIn, lastPacketIn);
  }

  private void enqueue(long until, int bytes) {
    dropSent(network.now());
    if (queueLength == queuedUntil.length) {
      long[] u = new long[queueLength * 2];
      int[] s = new int[queueLength * 2];
      for (int i = 0; i < queueLength; i++) {
        u[i] = queuedUntil[(queueHead + i) % queueLength];
        s[i] = queuedSize[(queueHead + i) % queueLength];
      }
      queuedUntil = u;
      queuedSize = s;
      queueHead = 0;
    }
    int tail = (queueHead + queueLength) % queuedUntil.length;
    queuedUntil[tail] = until;
    queuedSize[tail] = bytes;
    queueLength++;
    queuedBytes += bytes;
  }

  private void dropSent(long now) {
    while (queueLength > 0 && queuedUntil[queueHead] <= now) {
      queuedBytes -= queuedSize[queueHead];
      queueHead = (queueHead + 1) % queuedUntil.length;
      queueLength--;
    }
  }

  @Override
  public long queuedBytes() {
    dropSent(network.now());
    return queuedBytes;
  }

  @Override
  public void close(GoodbyeReason reason, String detail) {
    if (!open) {
      return;
    }
    open = false;
    owner.links.remove(this);
    // The far end learns of it after what was queued before the goodbye has come in.
    network.dropLater(other, Math.max(other.lastArrivalMicros, network.now() + latencyMicros));
    network.disconnectedLater(this);
  }

  /** The far side went away: this end closes and its node hears of it. */
  void drop() {
    if (!open) {
      return;
    }
    if (pendingDeliveries > 0) {
      network.dropLater(this, lastDeliveryMicros); // the close comes behind the data, as a FIN does
      return;
    }
    open = false;
    owner.links.remove(this);
    if (owner.alive) {
      owner.events.onDisconnected(this);
    }
  }

  @Override
  public String toString() {
    return owner + " -> " + remote + (open ? "" : " (closed)");
  }
}
