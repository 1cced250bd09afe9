package io.swarmtv.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmtv.testing.RealTools.ProcessResult;
import io.swarmtv.testing.RealTools;
import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real MPEG-TS made by ffmpeg for the ingest tests. */
final class SampleMedia {
  private SampleMedia() {}

  /** What ffmpeg sends when it remuxes {@code in} as MPEG-TS, which is what a UDP receiver gets. */
  static Path remuxed(Path in, Path dir) {
    Path out = dir.resolve("remuxed-" + in.getFileName());
    ffmpeg("-i", in.toString(), "-c", "copy", "-f", "mpegts", out.toString());
    return out;
  }

  /** Media duration as ffprobe reports it, in microseconds. */
  static long durationMicros(Path file) {
    RealTools.require("ffprobe");
    ProcessResult r = RealTools.run(Duration.ofSeconds(30), "ffprobe", "-v", "error",
        "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    return Math.round(Double.parseDouble(r.stdout().trim()) * 1e6);
  }

  static void ffmpeg(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
    cmd.addAll(List.of(args));
    ProcessResult r = RealTools.run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
    assertEquals(0, r.exitCode(), () -> "ffmpeg failed: " + r.stderr());
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PCR of every packet carrying one on the first PCR PID, indexed by packet, -1 elsewhere. */
  static long[] pcrs(byte[] ts) {
    long[] pcrs = new long[ts.length / TsPacket.SIZE];
    int pcrPid = -1;
    for (int i = 0; i < pcrs.length; i++) {
      int off = i * TsPacket.SIZE;
      long pcr = TsPacket.pcr(ts, off);
      int pid = TsPacket.pid(ts, off);
      if (pcr >= 0 && (pcrPid < 0 || pid == pcrPid)) {
        pcrPid = pid;
        pcrs[i] = pcr;
      } else {
        pcrs[i] = -1;
      }
    }
    return pcrs;
  }
}
