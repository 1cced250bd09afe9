package io.swarmtv.swarm;

import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Swarm nodes wired to each other in memory, on a virtual clock with a fixed one-way latency:
 * enough network to drive the real {@link SwarmNode} logic deterministically in a test.
 */
final class LocalSwarm {
  private record Event(long at, long order, Runnable action) {}

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
      a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private final Map<InetSocketAddress, PeerEvents> listening = new HashMap<>();
  private final Map<PeerEvents, List<Link>> links = new HashMap<>();
  private final Map<PeerEvents, InetSocketAddress> addresses = new HashMap<>();
  private final long latencyMicros;
  private long order;
  private long now = 1_000_000_000_000L;
  final MicrosClock clock = () -> now;

  LocalSwarm(long latencyMicros) {
    this.latencyMicros = latencyMicros;
  }

  long now() {
    return now;
  }

  void at(long time, Runnable action) {
    queue.add(new Event(time, order++, action));
  }

  /** Runs every event up to {@code time}. */
  void runUntil(long time) {
    while (!queue.isEmpty() && queue.peek().at <= time) {
      Event e = queue.poll();
      now = e.at;
      e.action.run();
    }
    now = time;
  }

  /** A new address on the 127/8 loopback net, one per node. */
  InetSocketAddress address(int n) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n}), 7000);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts {@code node} on the network at {@code address}, ticking every {@code tickMicros}. */
  void add(SwarmNode node, InetSocketAddress address, long tickMicros) {
    add(node, address);
    tickLoop(node, tickMicros);
  }

  /** Puts any {@link PeerEvents} on the network, e.g. a test's misbehaving peer. */
  void add(PeerEvents node, InetSocketAddress address) {
    listening.put(address, node);
    addresses.put(node, address);
    links.put(node, new ArrayList<>());
  }

  /** The link {@code from} holds to {@code to}, or null. */
  Link link(PeerEvents from, PeerEvents to) {
    for (Link l : links.getOrDefault(from, List.of())) {
      if (l.other.owner == to && l.open) return l;
    }
    return null;
  }

  private void tickLoop(SwarmNode node, long tickMicros) {
    at(now + tickMicros, () -> {
      if (links.containsKey(node)) {
        node.tick();
        tickLoop(node, tickMicros);
      }
    });
  }

  /** Dials from {@code from} to whatever listens at {@code to}; both handshakes land after one latency. */
  void dial(PeerEvents from, InetSocketAddress to) {
    at(now + latencyMicros, () -> {
      PeerEvents target = listening.get(to);
      if (target == null || !links.containsKey(from) || !links.containsKey(target)) {
        return;
      }
      Link ab = new Link(from, to);
      Link ba = new Link(target, addresses.get(from));
      ab.other = ba;
      ba.other = ab;
      links.get(from).add(ab);
      links.get(target).add(ba);
      boolean accepted = target.onConnected(ba, from.handshake(), VersionRange.V1);
      if (!accepted) {
        ab.drop();
        return;
      }
      if (!from.onConnected(ab, target.handshake(), VersionRange.V1)) {
        ba.drop();
      }
    });
  }

  /** Kills {@code node} abruptly: its neighbours see the connections drop, nothing more is sent. */
  void kill(PeerEvents node) {
    List<Link> own = links.remove(node);
    listening.values().remove(node);
    if (own != null) {
      for (Link l : new ArrayList<>(own)) {
        l.open = false;
        l.other.drop();
      }
    }
  }

  /** One end of an in-memory connection. */
  final class Link implements PeerLink {
    final PeerEvents owner;
    final InetSocketAddress remote;
    Link other;
    boolean open = true;

    Link(PeerEvents owner, InetSocketAddress remote) {
      this.owner = owner;
      this.remote = remote;
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return remote;
    }

    @Override
    public void send(PeerMessage message) {
      if (!open) return;
      Link to = other;
      at(now + latencyMicros, () -> {
        if (to.open && links.containsKey(to.owner)) to.owner.onMessage(to, message);
      });
    }

    @Override
    public long queuedBytes() {
      return 0;
    }

    @Override
    public void close(GoodbyeReason reason, String detail) {
      if (!open) return;
      open = false;
      Link to = other;
      at(now + latencyMicros, to::drop);
      at(now, () -> owner.onDisconnected(this));
    }

    /** The far side went away. */
    void drop() {
      if (!open) return;
      open = false;
      List<Link> own = links.get(owner);
      if (own != null) own.remove(this);
      owner.onDisconnected(this);
    }
  }
}
