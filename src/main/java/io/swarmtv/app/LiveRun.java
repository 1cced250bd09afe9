package io.swarmtv.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a command in the foreground while its live channel runs: a status line every few seconds,
 * and a clean stop on Ctrl-C (SIGINT/SIGTERM), at the end of the input or after {@code stopAfter}.
 */
final class LiveRun {
  static final Duration STATUS_EVERY = Duration.ofSeconds(5);

  private LiveRun() {}

  /** Runs until the channel ends or is stopped; throws a {@link UserException} if its feed failed. */
  static void run(LiveChannel channel, Duration stopAfter, PrintWriter status) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopped.countDown();
      try {
        closed.await(5, TimeUnit.SECONDS); // let the main thread finish and print its summary
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "swarmtv-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LiveStatus line = new LiveStatus(status);
    long deadline = stopAfter == null ? Long.MAX_VALUE : System.nanoTime() + stopAfter.toNanos();
    long nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
    try {
      while (channel.isRunning() && stopped.getCount() > 0 && System.nanoTime() < deadline) {
        stopped.await(100, TimeUnit.MILLISECONDS);
        if (System.nanoTime() >= nextStatus) {
          line.print(channel.stats());
          nextStatus += STATUS_EVERY.toNanos();
        }
      }
    } finally {
      channel.close();
      status.println("stopped; in all:");
      line.print(channel.stats());
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running and waits for us
      }
    }
    if (channel.failure().isPresent()) {
      throw new UserException(channel.failure().get());
    }
  }
}
