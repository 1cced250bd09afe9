package io.swarmtv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UplinkMixTest {

  @Test
  void drawsEachSpeedWithItsShare() {
    UplinkMix mix = UplinkMix.parse("1:20, 5:40,20:30,100:10");
    assertEquals("1:20,5:40,20:30,100:10", mix.toString());
    Map<Long, Integer> counts = new HashMap<>();
    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) counts.merge(mix.draw(random), 1, Integer::sum);
    assertEquals(20_000, counts.get(1_000_000L), 1_000);
    assertEquals(40_000, counts.get(5_000_000L), 1_000);
    assertEquals(30_000, counts.get(20_000_000L), 1_000);
    assertEquals(10_000, counts.get(100_000_000L), 1_000);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1:50,5:40|add up to 100",
      "1:50;5:50|is not MBIT:PERCENT",
      "fast:100|is not two numbers",
      "0:100|uplink speed must be above 0",
      "5:-10,5:110|uplink share must be above 0",
      "''|is not MBIT:PERCENT",
      "NaN:100|uplink speed"})
  void rejectsMalformedMixesSayingWhy(String text, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UplinkMix.parse(text));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}
