package io.swarmtv.sim;

import java.util.Arrays;

/**
 * The simulator's pending events, earliest first and, at equal times, in the order scheduled (so a
 * run is deterministic). Events are rows of primitive fields in pooled arrays, not objects: at
 * 10,000 peers there are millions a second of virtual time.
 */
final class EventQueue {
  private long[] at = new long[1024];
  private long[] order = new long[1024];
  private int[] kind = new int[1024];
  private long[] number = new long[1024];
  private long[] extra = new long[1024];
  private Object[] first = new Object[1024];
  private Object[] second = new Object[1024];
  private int[] heap = new int[1024];
  private int size;
  private int[] free = new int[1024];
  private int freeCount;
  private int slotsUsed;
  private long scheduled;

  // What the last poll() took off the queue.
  long polledAt;
  int polledKind;
  long polledNumber;
  long polledExtra;
  Object polledFirst;
  Object polledSecond;

  void add(long time, int eventKind, Object a, Object b, long n) {
    add(time, eventKind, a, b, n, 0);
  }

  void add(long time, int eventKind, Object a, Object b, long n, long x) {
    int slot = freeCount > 0 ? free[--freeCount] : newSlot();
    at[slot] = time;
    order[slot] = scheduled++;
    kind[slot] = eventKind;
    first[slot] = a;
    second[slot] = b;
    number[slot] = n;
    extra[slot] = x;
    if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(slot, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = slot;
  }

  private int newSlot() {
    if (slotsUsed == at.length) {
      int n = slotsUsed * 2;
      at = Arrays.copyOf(at, n);
      order = Arrays.copyOf(order, n);
      kind = Arrays.copyOf(kind, n);
      number = Arrays.copyOf(number, n);
      extra = Arrays.copyOf(extra, n);
      first = Arrays.copyOf(first, n);
      second = Arrays.copyOf(second, n);
      free = Arrays.copyOf(free, n);
    }
    return slotsUsed++;
  }

  private boolean before(int a, int b) {
    return at[a] < at[b] || (at[a] == at[b] && order[a] < order[b]);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The time of the earliest event; only when not empty. */
  long peekTime() {
    return at[heap[0]];
  }

  /** Takes the earliest event into the {@code polled} fields. */
  void poll() {
    int slot = heap[0];
    polledAt = at[slot];
    polledKind = kind[slot];
    polledNumber = number[slot];
    polledExtra = extra[slot];
    polledFirst = first[slot];
    polledSecond = second[slot];
    first[slot] = null;
    second[slot] = null;
    free[freeCount++] = slot;
    int last = heap[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) child = right;
      if (!before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    if (size > 0) heap[i] = last;
  }
}
