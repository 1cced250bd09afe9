package io.swarmtv.discovery.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several {@link DhtEngine}s joined by an in-memory network and one virtual clock, each on its own
 * private address, so that lookups, announces and timeouts run in a unit test without sockets.
 */
final class InMemoryDhtNetwork {
  private record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {}

  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final Random random;
  private final Map<InetSocketAddress, DhtEngine> engines = new LinkedHashMap<>();
  private final Map<InetSocketAddress, List<byte[]>> silent = new HashMap<>();
  private final Deque<Datagram> inFlight = new ArrayDeque<>();
  /** Destinations of datagrams sent to addresses that are not in the network. */
  final List<InetSocketAddress> strayDestinations = new ArrayList<>();
  long delivered;

  InMemoryDhtNetwork(long seed) {
    this.random = new Random(seed);
  }

  /** A new engine at 10.x.y.z:6881. */
  DhtEngine add() {
    int n = engines.size() + silent.size() + 1;
    InetSocketAddress address = address(n);
    DhtEngine engine = new DhtEngine(NodeId.random(random), clock::get, random,
        (to, data) -> inFlight.add(new Datagram(address, to, data)));
    engines.put(address, engine);
    return engine;
  }

  /** An address where nothing answers; what is sent to it is kept ({@link #receivedBy}). */
  InetSocketAddress addSilent() {
    InetSocketAddress a = address(engines.size() + silent.size() + 1);
    silent.put(a, new ArrayList<>());
    return a;
  }

  /** The datagrams sent to a silent address so far. */
  List<byte[]> receivedBy(InetSocketAddress silentAddress) {
    return silent.get(silentAddress);
  }

  InetSocketAddress addressOf(DhtEngine engine) {
    return engines.entrySet().stream().filter(e -> e.getValue() == engine).findFirst().orElseThrow().getKey();
  }

  List<DhtEngine> engines() {
    return new ArrayList<>(engines.values());
  }

  /** Sends {@code data} to {@code to} as if from {@code from}. */
  void inject(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    inFlight.add(new Datagram(from, to, data));
  }

  /** Delivers datagrams until none are left, without moving the clock; returns how many. */
  int settle() {
    int n = 0;
    while (!inFlight.isEmpty()) {
      Datagram d = inFlight.poll();
      DhtEngine to = engines.get(d.to());
      if (to != null) {
        to.receive(d.from(), d.data(), d.data().length);
        n++;
      } else if (silent.containsKey(d.to())) {
        silent.get(d.to()).add(d.data());
      } else {
        strayDestinations.add(d.to());
      }
    }
    delivered += n;
    return n;
  }

  /** Lets {@code micros} of virtual time pass in 1 s ticks, delivering everything between. */
  void run(long micros) {
    long end = clock.get() + micros;
    settle();
    while (clock.get() < end) {
      clock.addAndGet(Math.min(1_000_000, end - clock.get()));
      engines.values().forEach(DhtEngine::tick);
      settle();
    }
  }

  private static InetSocketAddress address(int n) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n}), 6881);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
