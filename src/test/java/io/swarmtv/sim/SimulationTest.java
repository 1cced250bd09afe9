package io.swarmtv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small simulated broadcasts: repeatable for a seed, and their figures mean what they say. */
class SimulationTest {

  private static SimulationReport run(SimulationSettings s) {
    List<Progress> progress = new ArrayList<>();
    SimulationReport r = new Simulation(s).run(progress::add, 0);
    assertTrue(progress.isEmpty() || progress.get(progress.size() - 1).virtualMicros() <= s.durationMicros()
        + s.swarm().playoutDelayMicros());
    return r;
  }

  /** The figures that must not depend on anything but the settings and the seed. */
  private static List<Object> figures(SimulationReport r) {
    return List.of(r.joined(), r.left(), r.peersAtEnd(), r.chunks(), r.delayP50Micros(), r.delayP95Micros(),
        r.delayP99Micros(), r.delayMaxMicros(), r.chunksDue(), r.chunksOnTime(), r.startupP50Micros(),
        r.startupP99Micros(), r.startups(), r.sourceUploadRatio(), r.controlOverhead(), r.duplicates(), r.bans(),
        r.boundP50Micros(), r.boundP99Micros(), r.events());
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
    SimulationSettings s = SimulationSettings.of(25, 15 / 60.0).withAudience(20, 10, 10, 30).withSeed(7);
    SimulationReport first = run(s);
    SimulationReport second = run(s);
    assertEquals(figures(first), figures(second));
    SimulationReport other = run(s.withSeed(8));
    assertNotEquals(figures(first), figures(other));
  }

  @Test
  void aRoomyNetworkDeliversEveryChunkInTimeAndNoFasterThanTheBound() {
    SimulationSettings s = SimulationSettings.of(40, 20 / 60.0)
        .withNetwork(UplinkMix.parse("20:100"), 100, 50, 10_000, 60_000).withSeed(3);
    SimulationReport r = run(s);
    assertEquals(40, r.joined());
    assertEquals(40, r.startups(), "every peer started playing");
    assertEquals(s.durationMicros() / 40_000, r.chunks());
    assertEquals(r.chunksDue(), r.chunksOnTime(), "continuity " + r.continuity() + "\n" + r.text());
    assertTrue(r.chunksDue() > 35L * r.chunks() / 2, "most of the stream was due at most peers: " + r.chunksDue());
    assertTrue(r.delayP50Micros() >= r.boundP50Micros(), r.text());
    assertTrue(r.delayP99Micros() >= r.boundP99Micros(), r.text());
    assertTrue(r.delayP99Micros() <= s.swarm().playoutDelayMicros(), r.text());
    assertTrue(r.sourceUploadRatio() <= s.swarm().sourceCopies() + 0.01, "the source uploads each chunk at most its"
        + " copies: " + r.sourceUploadRatio());
    assertTrue(r.controlOverhead() > 0 && r.controlOverhead() < 0.5, r.text());
    assertEquals(0, r.bans(), "honest peers ban no one");
  }

  @Test
  void peersBehindNatAndFreeRidersStillWatchAndFreeRidersUploadNothing() {
    SimulationSettings s = SimulationSettings.of(40, 20 / 60.0).withAudience(0, 0, 25, 40)
        .withNetwork(UplinkMix.parse("5:50,20:50"), 50, 50, 10_000, 100_000).withSeed(5);
    SimulationReport r = run(s);
    assertEquals(40, r.startups(), r.text());
    assertTrue(r.continuity() > 0.95, r.text());
    assertEquals(0, r.freeRiderPayloadUp(), r.text());
  }

  @Test
  void churnReplacesLeaversAndAFlashCrowdJoins() {
    SimulationSettings s = SimulationSettings.of(30, 40 / 60.0).withAudience(30, 60, 0, 0)
        .withNetwork(UplinkMix.parse("5:50,20:50"), 50, 50, 10_000, 100_000).withSeed(11);
    SimulationReport r = run(s);
    assertTrue(r.left() > 0, r.text());
    assertEquals(30 + 60 + r.left(), r.joined(), r.text());
    assertEquals(90, r.peersAtEnd());
    assertTrue(r.startups() >= r.joined() - r.left(), "every peer still there started: " + r.text());
    assertTrue(r.continuity() > 0.9, r.text());
    assertTrue(r.startupP99Micros() > 0 && r.startupP99Micros() < s.swarm().playoutDelayMicros() * 5, r.text());
  }
}
