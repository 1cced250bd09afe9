package io.swarmtv.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadBudgetTest {

  @Test
  void keepsTheRateOnAverageWithOneSecondOfBurst() {
    UploadBudget budget = new UploadBudget(100_000); // 100 kB/s
    long now = 0;
    long sent = 0;
    for (int i = 0; i < 10_000; i++) {
      now += 1_000; // try 16 kB every millisecond for ten seconds: far over the limit
      if (budget.tryTake(16_000, now)) sent += 16_000;
    }
    // Ten seconds at the rate, plus the one second of burst it starts with.
    assertTrue(sent <= 11 * 100_000 && sent >= 9 * 100_000, "sent " + sent);
  }

  @Test
  void zeroMeansNoLimit() {
    UploadBudget none = new UploadBudget(0);
    for (int i = 0; i < 1000; i++) {
      assertTrue(none.tryTake(1 << 20, i));
    }
  }

  @Test
  void aChunkLargerThanTheBucketNeverFits() {
    UploadBudget tiny = new UploadBudget(1_000);
    assertFalse(tiny.tryTake(16_000, 0));
    assertFalse(tiny.tryTake(16_000, 60_000_000));
    assertEquals(true, tiny.tryTake(500, 60_000_000));
  }
}
