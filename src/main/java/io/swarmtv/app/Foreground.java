package io.swarmtv.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps a command in the foreground while its role runs, until Ctrl-C (SIGINT or SIGTERM), a
 * deadline, or the role ending by itself; the shutdown hook waits for {@link #close} so the
 * command can stop cleanly and print its summary first.
 */
final class Foreground implements AutoCloseable {
  static final Duration STATUS_EVERY = Duration.ofSeconds(5);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  Foreground() {
    hook = new Thread(() -> {
      stopped.countDown();
      try {
        done.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "swarmtv-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Waits until stopped, until {@code stopAfter} (null: no limit) or until {@code running} turns
   * false, calling {@code status} every {@link #STATUS_EVERY}.
   */
  void await(Duration stopAfter, BooleanSupplier running, Runnable status) throws InterruptedException {
    long deadline = stopAfter == null ? Long.MAX_VALUE : System.nanoTime() + stopAfter.toNanos();
    long next = System.nanoTime() + STATUS_EVERY.toNanos();
    while (running.getAsBoolean() && stopped.getCount() > 0 && System.nanoTime() < deadline) {
      stopped.await(100, TimeUnit.MILLISECONDS);
      if (System.nanoTime() >= next) {
        status.run();
        next += STATUS_EVERY.toNanos();
      }
    }
  }

  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already: the hook is running and has been told we are done
    }
  }
}
