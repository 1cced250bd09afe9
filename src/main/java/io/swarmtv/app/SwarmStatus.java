package io.swarmtv.app;

import io.swarmtv.swarm.SwarmStats;
import java.io.PrintWriter;
import java.util.Locale;

/** A channel's swarm figures as one status line. */
final class SwarmStatus {
  private SwarmStatus() {}

  static void print(PrintWriter out, String label, SwarmStats s) {
    out.printf(Locale.ROOT, "%s: %d peers | %d chunks | up %s, down %s | delay p50 %d ms, p99 %d ms"
            + " | continuity %.2f%% (%d late, %d missing)%s%n",
        label, s.peers(), s.chunksStored(), QuantityFormat.bytes(s.payloadBytesUp()), QuantityFormat.bytes(s.payloadBytesDown()),
        s.delayP50Micros() / 1000, s.delayP99Micros() / 1000, 100 * s.continuity(), s.late(), s.missing(),
        s.bans() > 0 ? " | " + s.bans() + " banned" : "");
    out.flush();
  }

  /** The broadcaster's line: its audience and how much it uploads per byte of stream. */
  static void printSource(PrintWriter out, SwarmStats s, long streamBytes) {
    out.printf(Locale.ROOT, "swarm: %d peers | uploaded %s (%.2fx the stream)%s%n", s.peers(),
        QuantityFormat.bytes(s.payloadBytesUp()), streamBytes == 0 ? 0.0 : (double) s.payloadBytesUp() / streamBytes,
        s.bans() > 0 ? " | " + s.bans() + " banned" : "");
    out.flush();
  }
}
