package io.swarmtv.sim;

import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The modelled network and the virtual clock: hosts listening at addresses, connections between
 * them, and the events that carry messages, connections and disconnections.
 */
final class Network {
  static final int ARRIVE = 1;
  static final int DELIVER = 2;
  static final int CONNECT = 3;
  static final int DROP = 4;
  static final int DISCONNECTED = 5;
  /** Kinds from here up belong to whoever drives the network. */
  static final int FIRST_OTHER_KIND = 16;
  /**
   * An unplugged peer sends no FIN: its neighbours find out when TCP gives up on data it does not
   * acknowledge, about a second on a connection that carries a live stream.
   */
  static final long DEPARTURE_NOTICED_AFTER_MICROS = 1_000_000;

  final EventQueue queue = new EventQueue();
  private final Map<InetSocketAddress, Host> listening = new HashMap<>();
  private long now;

  Network(long startMicros) {
    this.now = startMicros;
  }

  long now() {
    return now;
  }

  /** Moves the clock to the event being run; time never goes back. */
  void advanceTo(long micros) {
    now = micros;
  }

  void listen(Host host) {
    listening.put(host.address, host);
  }

  /** {@code host} leaves abruptly: nothing more goes out, its neighbours notice after a while. */
  void unplug(Host host) {
    host.alive = false;
    host.leftMicros = now;
    listening.remove(host.address);
    for (ModelledLink l : host.links) {
      l.open = false;
      dropLater(l.other, now + DEPARTURE_NOTICED_AFTER_MICROS);
    }
    host.links.clear();
  }

  /** {@code from} dials {@code to}; the connection comes up after a TCP handshake and the swarm handshakes. */
  void dial(Host from, InetSocketAddress to) {
    Host target = listening.get(to);
    if (target == null || target == from) {
      return; // refused, or no one there: the node tries another candidate later
    }
    queue.add(now + 3 * from.latencyTo(target), CONNECT, from, target, 0);
  }

  /** A message left the sender's line whole at {@code sent}; its packets reach {@code to}'s line between the two times. */
  void arrive(ModelledLink to, PeerMessage message, long sent, long firstPacketIn, long lastPacketIn) {
    long at = Math.max(lastPacketIn, to.lastArrivalMicros);
    to.lastArrivalMicros = at;
    queue.add(at, ARRIVE, to, message, firstPacketIn, sent);
  }

  void dropLater(ModelledLink link, long at) {
    queue.add(at, DROP, link, null, 0);
  }

  void disconnectedLater(ModelledLink link) {
    queue.add(now, DISCONNECTED, link, null, 0);
  }

  /** Runs a network event just polled from the queue. */
  void run(int kind, Object first, Object second, long number, long extra) {
    switch (kind) {
      case ARRIVE -> arrived((ModelledLink) first, (PeerMessage) second, number, extra);
      case DELIVER -> {
        ModelledLink to = (ModelledLink) first;
        to.pendingDeliveries--;
        deliver(to, (PeerMessage) second);
      }
      case CONNECT -> connect((Host) first, (Host) second);
      case DROP -> ((ModelledLink) first).drop();
      case DISCONNECTED -> {
        ModelledLink l = (ModelledLink) first;
        if (l.owner.alive) l.owner.events.onDisconnected(l);
      }
      default -> throw new IllegalStateException("not a network event: " + kind);
    }
  }

  /**
   * The last packet of a message reached the receiver's line. Its downlink takes the packets as
   * they come (from the first one's arrival), behind whatever it still has to take in.
   */
  private void arrived(ModelledLink to, PeerMessage message, long firstPacketIn, long sent) {
    if (!to.open || sent > to.remote.leftMicros) {
      return; // the connection is gone, or the sender was unplugged before the message had left its line
    }
    Host receiver = to.owner;
    int bytes = Host.wireBytes(MessageCodec.frameLength(message));
    long taken = Math.max(receiver.downlinkBusyUntil, firstPacketIn)
        + Host.serialisationMicros(bytes, receiver.downlinkBitsPerSecond);
    receiver.downlinkBusyUntil = taken;
    if (taken <= now && to.pendingDeliveries == 0) {
      to.lastDeliveryMicros = now;
      deliver(to, message);
      return;
    }
    long at = Math.max(Math.max(taken, now), to.lastDeliveryMicros);
    to.lastDeliveryMicros = at;
    to.pendingDeliveries++;
    queue.add(at, DELIVER, to, message, 0);
  }

  private void deliver(ModelledLink to, PeerMessage message) {
    if (to.open && to.owner.alive) {
      to.owner.events.onMessage(to, message);
    }
  }

  private void connect(Host from, Host target) {
    if (!from.alive || !target.alive || target.behindNat || listening.get(target.address) != target) {
      return; // gone meanwhile, or behind NAT: the dial times out
    }
    ModelledLink ours = new ModelledLink(this, from, target);
    ModelledLink theirs = new ModelledLink(this, target, from);
    ours.other = theirs;
    theirs.other = ours;
    from.links.add(ours);
    target.links.add(theirs);
    if (!target.events.onConnected(theirs, from.events.handshake(), VersionRange.V1)) {
      ours.drop();
      return;
    }
    if (!from.events.onConnected(ours, target.events.handshake(), VersionRange.V1)) {
      theirs.drop();
    }
  }
}
