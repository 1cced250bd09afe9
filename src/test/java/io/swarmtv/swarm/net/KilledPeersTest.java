package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that crash: a third of the swarm are {@code swarmtv gateway} processes killed with SIGKILL
 * mid-stream, so their neighbours see connections die with no goodbye; the peers left keep playing.
 */
class KilledPeersTest {
  static final int PAYLOAD = 25 * 188;

  @Test
  void survivorsKeepPlayingWhenAThirdOfThePeersAreKilled(@TempDir Path dir) throws Exception {
    List<Process> gateways = new ArrayList<>();
    try (LoopbackSwarm swarm = new LoopbackSwarm(1, PAYLOAD)) {
      for (int i = 0; i < 10; i++) {
        swarm.join();
      }
      String link = ChannelLink.of(swarm.key.id()).toString();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (int i = 0; i < 5; i++) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
            "io.swarmtv.app.Main", "gateway", "--data", dir.resolve("gateway-" + i).toString(), "--no-public",
            "--no-lan", "--no-dht", "--no-dlna", "--no-port-mapping", "--http-port", "0", "--http-bind", "127.0.0.1",
            "--ready-file", dir.resolve("gateway-" + i + ".ready").toString(),
            "--join", link, "--peer-port", "0", "--bind", "127.0.0.1",
            "--peer", "127.0.0.1:" + swarm.sourceTransport.port()));
        for (int k = 0; k < 3; k++) {
          cmd.add("--peer");
          cmd.add("127.0.0.1:" + swarm.transports.get((i * 3 + k) % 10).port());
        }
        gateways.add(new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("gateway-" + i + ".log").toFile()).start());
      }
      // Five JVMs starting on a busy machine take a while: the stream starts once all are serving.
      long deadline = System.nanoTime() + 180_000_000_000L;
      for (int i = 0; i < gateways.size(); i++) {
        while (!Files.exists(dir.resolve("gateway-" + i + ".ready"))) {
          assertTrue(gateways.get(i).isAlive(), "gateway " + i + " exited: " + Files.readString(dir.resolve("gateway-" + i + ".log")));
          assertTrue(System.nanoTime() < deadline, "gateway " + i + " not ready within 180 s");
          Thread.sleep(100);
        }
      }
      long start = swarm.clock.nowMicros();
      long stream = 50_000_000;
      swarm.broadcast(stream);
      swarm.runUntil(start, 20_000_000);
      for (int i = 0; i < gateways.size(); i++) {
        assertTrue(gateways.get(i).isAlive(), "gateway " + i + " running before the kill");
        String log = Files.readString(dir.resolve("gateway-" + i + ".log"));
        Matcher m = Pattern.compile("(\\d+) peers \\| (\\d+) chunks").matcher(log);
        long chunks = 0;
        while (m.find()) chunks = Long.parseLong(m.group(2));
        assertTrue(chunks > 100, "gateway " + i + " was in the swarm before the kill: " + log);
      }
      for (Process p : gateways) {
        p.destroyForcibly(); // SIGKILL: no goodbye, sockets reset by the kernel
      }
      for (Process p : gateways) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
      swarm.runUntil(start, stream + 3_000_000);
      long last = swarm.published.get();
      for (int i = 0; i < 10; i++) {
        long[] c = swarm.coverage(i);
        assertTrue(c != null && c[1] > last, "peer " + i + " misses " + (c == null ? "everything" : c[1])
            + " of " + last + "; it stands at " + swarm.peers.get(i).describeState());
      }
      LoopbackSwarm.Report r = swarm.report(i -> true);
      System.out.println("loopback, 5 of 15 peers killed with SIGKILL at 20 s: " + r);
      assertTrue(r.worstContinuity() >= 0.99, r.toString());
    } finally {
      gateways.forEach(Process::destroyForcibly);
    }
  }
}
