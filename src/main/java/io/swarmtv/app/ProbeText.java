package io.swarmtv.app;

import io.swarmtv.ingest.ProbeReport;
import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable form of a {@link ProbeReport}. */
final class ProbeText {
  private ProbeText() {}

  static void print(ProbeReport r, String input, PrintWriter out) {
    out.printf(Locale.ROOT, "%s: %.2f s, %s, %d packets%n", input, r.durationSeconds(), QuantityFormat.bytes(r.bytes()), r.packets());
    if (r.skippedBytes() > 0 || r.continuityErrors() > 0) {
      out.printf(Locale.ROOT, "  damage: %d bytes skipped to regain sync, %d continuity errors%n",
          r.skippedBytes(), r.continuityErrors());
    }
    for (ProbeReport.Program p : r.programs()) {
      out.printf(Locale.ROOT, "program %d (PCR on PID %d)%n", p.number(), p.pcrPid());
      for (ProbeReport.Stream s : p.streams()) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "  PID %-5d %-5s %-10s", s.pid(), s.kind(), s.codec()));
        if (s.profile() != null) line.append(' ').append(s.profile());
        if (s.width() != null) line.append(String.format(Locale.ROOT, "  %dx%d", s.width(), s.height()));
        if (s.frameRate() != null) line.append(String.format(Locale.ROOT, "  %.3f fps", s.frameRate()));
        if (s.language() != null) line.append("  [").append(s.language()).append(']');
        line.append("  ").append(QuantityFormat.bitrate(s.bitrate()));
        if (s.keyframeIntervalSeconds() != null) {
          line.append(String.format(Locale.ROOT, "  keyframe every %.2f s", s.keyframeIntervalSeconds()));
        } else if (s.keyframes() != null) {
          line.append("  keyframes: ").append(s.keyframes());
        }
        if (s.codecs() != null) line.append("  ").append(s.codecs());
        out.println(line);
      }
    }
    ProbeReport.Chunks c = r.chunks();
    out.printf(Locale.ROOT, "chunks: %d (mean %s, largest %s, mean %.1f ms), parts: %d, segments: %d%s%n",
        c.count(), QuantityFormat.bytes(Math.round(c.averageBytes())), QuantityFormat.bytes(c.maxBytes()), c.averageDurationMs(),
        c.parts(), c.segments(), c.discontinuities() > 0 ? ", discontinuities: " + c.discontinuities() : "");
    if (!c.list().isEmpty()) {
      out.printf("  %8s  %12s  %12s  %8s  %6s  %s%n", "sequence", "offset", "pts (s)", "dur (ms)", "bytes", "flags");
      for (ProbeReport.Cut cut : c.list()) {
        out.printf(Locale.ROOT, "  %8d  %12d  %12s  %8.1f  %6d  %s%n", cut.sequence(), cut.offset(),
            cut.ptsSeconds() == null ? "-" : String.format(Locale.ROOT, "%.6f", cut.ptsSeconds()),
            cut.durationMs(), cut.bytes(), cut.flags());
      }
      if (c.listTruncated()) {
        out.printf("  ... %d more (--chunks N lists more)%n", c.count() - c.list().size());
      }
    }
    for (String e : r.errors()) {
      out.println("  warning: " + e);
    }
  }

}
