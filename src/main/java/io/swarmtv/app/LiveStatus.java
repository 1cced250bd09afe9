package io.swarmtv.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Prints a live channel's figures as one line, every few seconds while it runs. */
final class LiveStatus {
  private final PrintWriter out;
  private long lastBytes;
  private long lastNanos = System.nanoTime();

  LiveStatus(PrintWriter out) {
    this.out = out;
  }

  void print(LiveChannel.Stats s) {
    long now = System.nanoTime();
    long bytes = s.ingest().bytes();
    double mbps = (bytes - lastBytes) * 8 / ((now - lastNanos) / 1e9) / 1e6;
    lastBytes = bytes;
    lastNanos = now;
    Duration m = s.media();
    out.printf(Locale.ROOT, "live %d:%02d:%02d | %d chunks, %d segments | %.2f Mbit/s in | signing %.2f ms/chunk%s%n",
        m.toHours(), m.toMinutesPart(), m.toSecondsPart(), s.chunks(), s.segments(), mbps, s.signMillisPerChunk(),
        s.ingest().skippedBytes() > 0 ? " | " + s.ingest().skippedBytes() + " bytes skipped" : "");
    out.flush();
  }
}
