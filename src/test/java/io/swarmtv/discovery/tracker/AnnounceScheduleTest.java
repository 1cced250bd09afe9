package io.swarmtv.discovery.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnnounceScheduleTest {
  private static final long S = 1_000_000;

  @Test
  void announcesAtOnceThenOnTheTrackersInterval() {
    AnnounceSchedule s = new AnnounceSchedule(TrackerSettings.DEFAULT, 100 * S);
    assertTrue(s.due(100 * S));
    s.sent();
    assertFalse(s.due(100 * S), "one announce in flight at most");
    assertEquals(100 * S + 1800 * S, s.succeeded(100 * S, 1800, 0));
    assertFalse(s.due(1899 * S));
    assertTrue(s.due(1900 * S));
  }

  @Test
  void minIntervalWinsOverAShorterIntervalAndOurBoundsHold() {
    AnnounceSchedule s = new AnnounceSchedule(TrackerSettings.DEFAULT, 0);
    s.sent();
    assertEquals(900 * S, s.succeeded(0, 300, 900));
    s.sent();
    assertEquals(60 * S, s.succeeded(0, 1, 0), "an interval of 1 s is not obeyed: at most once a minute");
    s.sent();
    assertEquals(3600 * S, s.succeeded(0, 86_400, 0), "a day is too long for a live swarm");
  }

  @Test
  void failuresBackOffByDoublingUpToTheCeilingAndASuccessResets() {
    AnnounceSchedule s = new AnnounceSchedule(TrackerSettings.DEFAULT, 0);
    long[] expected = {15, 30, 60, 120, 240, 480, 960, 1800, 1800};
    for (long e : expected) {
      s.sent();
      assertEquals(e * S, s.failed(0));
    }
    assertEquals(9, s.failures());
    s.sent();
    s.succeeded(0, 600, 0);
    assertEquals(0, s.failures());
    s.sent();
    assertEquals(15 * S, s.failed(0));
  }
}
