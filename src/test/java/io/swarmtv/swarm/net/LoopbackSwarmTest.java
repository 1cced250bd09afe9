package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A broadcaster and thirty peers on real sockets on loopback; the swarm clock runs twice as fast. */
class LoopbackSwarmTest {
  static final int SPEED = 2;
  static final int PAYLOAD = 25 * 188; // 4.7 KB a chunk: about 0.94 Mbit/s

  @Test
  void thirtyPeersGetEveryChunkOfFiveMinutesAndTheSourceUploadsAtMostFourCopies() throws Exception {
    try (LoopbackSwarm swarm = new LoopbackSwarm(SPEED, PAYLOAD)) {
      for (int i = 0; i < 30; i++) {
        swarm.join();
      }
      long start = swarm.clock.nowMicros();
      long stream = 5 * 60 * 1_000_000L;
      swarm.broadcast(stream);
      swarm.runUntil(start, stream + 3_000_000);
      long last = swarm.published.get();
      for (int i = 0; i < 30; i++) {
        long[] c = swarm.coverage(i);
        assertNotNull(c, "peer " + i + " got nothing");
        assertTrue(c[0] < 200 && c[1] > last, "peer " + i + " got from " + c[0] + " but misses " + c[1] + " of " + last
            + "; it stands at " + swarm.peers.get(i).describeState());
      }
      LoopbackSwarm.Report r = swarm.report(i -> true);
      System.out.println("loopback, 5 min of stream at " + SPEED + "x: " + r);
      assertTrue(r.sourceUploadRatio() <= 4.0, r.toString());
    }
  }

  @Test
  void survivorsKeepPlayingWhenAThirdLeaveAndLateJoinersStartWithinAFewChunks() throws Exception {
    try (LoopbackSwarm swarm = new LoopbackSwarm(SPEED, PAYLOAD)) {
      for (int i = 0; i < 30; i++) {
        swarm.join();
      }
      long start = swarm.clock.nowMicros();
      long stream = 2 * 60 * 1_000_000L;
      swarm.broadcast(stream);
      swarm.runUntil(start, 40_000_000);
      Set<Integer> gone = new HashSet<>();
      for (int i = 0; i < 30; i += 3) {
        swarm.leave(i);
        gone.add(i);
      }
      long lateFrom = swarm.published.get();
      for (int i = 0; i < 5; i++) {
        swarm.join();
      }
      swarm.runUntil(start, stream + 3_000_000);
      long last = swarm.published.get();
      for (int i = 30; i < 35; i++) {
        long[] c = swarm.coverage(i);
        assertNotNull(c, "late joiner " + i + " got nothing");
        assertTrue(c[1] > last, "late joiner " + i + " misses " + c[1] + " of " + last);
      }
      LoopbackSwarm.Report r = swarm.report(i -> !gone.contains(i));
      System.out.println("loopback churn, a third gone at 40 s, 5 joined late (from chunk " + lateFrom + "): " + r);
      assertTrue(r.worstContinuity() >= 0.99, r.toString());
    }
  }
}
