package io.swarmtv.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real programs that tests check against (ffmpeg, ffprobe, trackers, players).
 *
 * <p>A tool missing on a developer's machine skips the test; CI sets
 * {@code SWARMTV_REQUIRE_TOOLS=1}, and then a missing tool fails it.
 */
public final class RealTools {
  private RealTools() {}

  /** What a finished process left behind. */
  public record ProcessResult(int exitCode, String stdout, String stderr) {}

  /** Whether {@code tool} is an executable on the PATH, or at that path if it names one. */
  public static boolean available(String tool) {
    if (tool.contains("/")) {
      Path p = Path.of(tool);
      return Files.isRegularFile(p) && Files.isExecutable(p);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return true;
      }
    }
    return false;
  }

  /** Skips the calling test when {@code tool} is missing, or fails it when tools are required. */
  public static void require(String tool) {
    if (available(tool)) {
      return;
    }
    if ("1".equals(System.getenv("SWARMTV_REQUIRE_TOOLS"))) {
      fail(tool + " is not installed, and SWARMTV_REQUIRE_TOOLS=1 requires it (.ci/run installs it)");
    }
    Assumptions.abort(tool + " is not installed; skipping (install it, or run .ci/run)");
  }

  /** Runs a command to completion; fails the test on a non-zero exit, showing its stderr. */
  public static ProcessResult run(Duration timeout, String... cmd) {
    ProcessResult r = runAllowingFailure(timeout, cmd);
    if (r.exitCode() != 0) {
      fail(String.join(" ", cmd) + " exited " + r.exitCode() + ":\n" + r.stderr());
    }
    return r;
  }

  /** Runs a command to completion, whatever its exit code; kills it at the timeout. */
  public static ProcessResult runAllowingFailure(Duration timeout, String... cmd) {
    require(cmd[0]);
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread o = drain(p.getInputStream(), out);
      Thread e = drain(p.getErrorStream(), err);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", cmd) + " did not finish within " + timeout);
      }
      o.join();
      e.join();
      return new ProcessResult(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(to);
      } catch (IOException ignored) {
        // the process died; what was read stays
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
