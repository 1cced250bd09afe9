package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HlsViewersTest {
  @Test
  void countsDistinctClientsWithinTheWindowAndStaysBounded() {
    HlsViewers v = new HlsViewers(10_000_000);
    v.seen("a", "10.0.0.1", 0);
    v.seen("a", "10.0.0.2", 5_000_000);
    v.seen("a", "10.0.0.1", 8_000_000);
    v.seen("b", "10.0.0.3", 8_000_000);
    assertEquals(2, v.count("a", 9_000_000));
    assertEquals(2, v.count("a", 14_999_999));
    assertEquals(1, v.count("a", 15_000_000), "10.0.0.2 was last seen 10 s before");
    assertEquals(0, v.count("a", 18_000_000));
    assertEquals(1, v.count("b", 17_000_000));
    v.forget("b");
    assertEquals(0, v.count("b", 17_000_000));
    for (int i = 0; i < 10_000; i++) {
      v.seen("c", "client " + i, 20_000_000);
    }
    assertEquals(HlsViewers.MAX_CLIENTS, v.count("c", 20_000_000));
  }
}
