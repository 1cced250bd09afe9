package io.swarmtv.app;

import java.io.PrintWriter;
import java.time.Duration;

/** Runs a live channel in the foreground with a status line, and stops it cleanly. */
final class LiveRun {
  private LiveRun() {}

  /** Runs until the channel ends or is stopped; throws a {@link UserException} if its feed failed. */
  static void run(LiveChannel channel, Duration stopAfter, PrintWriter status, Runnable moreStatus)
      throws InterruptedException {
    LiveStatus line = new LiveStatus(status);
    try (Foreground fg = new Foreground()) {
      try {
        fg.await(stopAfter, channel::isRunning, () -> {
          line.print(channel.stats());
          moreStatus.run();
        });
      } finally {
        channel.close();
        status.println("stopped; in all:");
        line.print(channel.stats());
        moreStatus.run();
      }
    }
    if (channel.failure().isPresent()) {
      throw new UserException(channel.failure().get());
    }
  }
}
