package io.swarmtv.hls;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Requests waiting for the live window to reach a point (a blocking playlist reload, a hinted
 * part, a channel's first segment): each is answered the moment a published window satisfies it,
 * or told it timed out once the clock passes its deadline. No thread waits; answers run on the
 * thread that publishes or ticks.
 */
public final class WindowWaiters {
  /** Waiters held at most per channel; more are refused rather than queued without bound. */
  public static final int MAX_WAITERS = 10_000;

  private record Waiter(Predicate<LiveWindow> ready, long deadlineMicros, Consumer<LiveWindow> answer,
      Runnable timedOut) {}

  private final List<Waiter> waiters = new ArrayList<>();

  /**
   * Waits until {@code ready} holds for a published window, then calls {@code answer} with it; if
   * that has not happened by {@code deadlineMicros}, calls {@code timedOut}. When the current
   * window already satisfies it, answers at once. {@code current} is read under the same lock
   * {@link #published} takes, so no window slips between the check and the wait.
   *
   * @return false when too many requests are waiting already (nothing will be called)
   */
  public boolean await(Supplier<LiveWindow> current, Predicate<LiveWindow> ready, long deadlineMicros,
      Consumer<LiveWindow> answer, Runnable timedOut) {
    LiveWindow now;
    synchronized (this) {
      now = current.get();
      if (!ready.test(now)) {
        if (waiters.size() >= MAX_WAITERS) {
          return false;
        }
        waiters.add(new Waiter(ready, deadlineMicros, answer, timedOut));
        return true;
      }
    }
    answer.accept(now);
    return true;
  }

  /** A new window was published: answers every waiter it satisfies. */
  public void published(LiveWindow w) {
    List<Waiter> due = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter x = it.next();
        if (x.ready.test(w)) {
          due.add(x);
          it.remove();
        }
      }
    }
    due.forEach(x -> x.answer.accept(w));
  }

  /** Tells every waiter whose deadline has passed that it timed out. */
  public void expire(long nowMicros) {
    List<Waiter> due = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter x = it.next();
        if (nowMicros >= x.deadlineMicros) {
          due.add(x);
          it.remove();
        }
      }
    }
    due.forEach(x -> x.timedOut.run());
  }

  /** Requests waiting now. */
  public synchronized int waiting() {
    return waiters.size();
  }
}
