package io.swarmtv.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs real external tools (ffmpeg, ffprobe) from tests, skipping or failing cleanly where they are missing. */
public final class RealTools {

  private RealTools() {}

  /**
   * Aborts the calling test when {@code tool} is not on PATH, or fails it when the environment
   * sets {@code SWARMTV_REQUIRE_TOOLS=1} (CI, where a silent skip would hide a broken image).
   */
  public static void require(String tool) {
    if (onPath(tool)) {
      return;
    }
    String why = tool + " is not on PATH";
    if ("1".equals(System.getenv("SWARMTV_REQUIRE_TOOLS"))) {
      Assertions.fail(why + " and SWARMTV_REQUIRE_TOOLS=1");
    }
    Assumptions.abort(why + "; skipped (set SWARMTV_REQUIRE_TOOLS=1 to fail instead)");
  }

  /**
   * Runs {@code cmd} with no input, collecting its output; kills it (and its children) when it
   * outlives {@code timeout}, noting that at the end of stderr.
   */
  public static ProcessResult run(Duration timeout, String... cmd) {
    Process process;
    try {
      process = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd[0], e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    boolean finished;
    try {
      finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + cmd[0], e);
    }
    String stderr = err.join();
    if (!finished) {
      stderr += "\n[killed after " + timeout + "]";
    }
    return new ProcessResult(process.exitValue(), out.join(), stderr);
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        result.complete("[output unreadable: " + e + "]");
      }
    }, "drain");
    t.setDaemon(true);
    t.start();
    return result;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
