package io.swarmtv.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LowerBoundTest {

  @Test
  void equalUplinksWithoutLatencyDoubleTheHoldersEachSendingTime() {
    long[] ups = new long[7];
    Arrays.fill(ups, 8_000_000); // 1000 bytes take 1 ms
    long[] got = LowerBound.arrivals(1000, 8_000_000, ups, 0);
    assertArrayEquals(new long[] {1000, 2000, 2000, 3000, 3000, 3000, 3000}, got);
  }

  @Test
  void latencyIsPaidOnEveryHop() {
    long[] ups = {8_000_000, 8_000_000, 8_000_000};
    // The source sends at 1 ms, 2 ms, ...; each copy lands 5 ms later; the first receiver forwards
    // from 6 ms, landing at 12 ms, later than the source's third copy (3 + 5 = 8 ms).
    assertArrayEquals(new long[] {6000, 7000, 8000}, LowerBound.arrivals(1000, 8_000_000, ups, 5000));
  }

  @Test
  void freeRidersForwardNothingAndFastUplinksGoFirst() {
    long[] got = LowerBound.arrivals(1000, 8_000_000, new long[] {0, 0, 0}, 0);
    assertArrayEquals(new long[] {1000, 2000, 3000}, got);
    long[] mixed = LowerBound.arrivals(1000, 8_000_000, new long[] {0, 80_000_000, 0}, 0);
    // The fast peer gets it first and then hands it on every 0.1 ms.
    assertArrayEquals(new long[] {1000, 1100, 1200}, mixed);
  }

  @Test
  void tenThousandPeersNeedAboutLog2NHops() {
    long[] ups = new long[10_000];
    Arrays.fill(ups, 8_000_000);
    long[] got = LowerBound.arrivals(1000, 8_000_000, ups, 0);
    assertEquals(14_000, got[got.length - 1], "ceil(log2(10001)) = 14 sending times");
    assertTrue(LowerBound.percentile(got, 0.5) >= 13_000);
    assertEquals(got[0], LowerBound.percentile(got, 0));
  }
}
