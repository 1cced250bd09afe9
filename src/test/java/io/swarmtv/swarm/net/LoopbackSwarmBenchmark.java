package io.swarmtv.swarm.net;

import java.util.Locale;

/**
 * Many peers and a broadcaster on loopback in one process: prints delay behind the source (p50 and
 * p99), continuity, the source's upload ratio and the control overhead. Run by
 * {@code bench/loopback-swarm.sh PEERS SECONDS SPEED}.
 */
public final class LoopbackSwarmBenchmark {
  private LoopbackSwarmBenchmark() {}

  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    int speed = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int payload = args.length > 3 ? Integer.parseInt(args[3]) : 8 * 188 * 5; // ~7.5 KB: 1.5 Mbit/s
    System.out.printf(Locale.ROOT, "loopback swarm: %d peers, %d s of a %.2f Mbit/s stream, clock at %dx%n",
        peers, seconds, payload * 25 * 8 / 1e6, speed);
    try (LoopbackSwarm swarm = new LoopbackSwarm(speed, payload)) {
      for (int i = 0; i < peers; i++) {
        swarm.join();
      }
      long start = swarm.clock.nowMicros();
      swarm.broadcast(seconds * 1_000_000L);
      for (int s = 10; s < seconds; s += 10) {
        swarm.runUntil(start, s * 1_000_000L);
        System.out.printf(Locale.ROOT, "  %3d s: %d chunks published%n", s, swarm.published.get() + 1);
      }
      swarm.runUntil(start, seconds * 1_000_000L + 3_000_000);
      System.out.println(swarm.report(i -> true));
    }
  }
}
