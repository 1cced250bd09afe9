package io.swarmtv.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real external tools (ffmpeg, ffprobe, ...) that some tests check against. */
public final class RealTools {
  /** Set to 1 where the tools must be present (CI), so a missing tool fails rather than skips. */
  public static final String REQUIRE_ENV = "SWARMTV_REQUIRE_TOOLS";

  /** What a finished command printed. */
  public record ProcessResult(int exitCode, String stdout, String stderr) {}

  private RealTools() {}

  /** Skips the calling test when tool is not on PATH, or fails it if {@value #REQUIRE_ENV}=1. */
  public static void require(String tool) {
    if (onPath(tool)) {
      return;
    }
    String message = tool + " is not on PATH";
    if ("1".equals(System.getenv(REQUIRE_ENV))) {
      fail(message + " and " + REQUIRE_ENV + "=1");
    }
    Assumptions.abort(message + "; skipping (set " + REQUIRE_ENV + "=1 to fail instead)");
  }

  /**
   * Runs cmd with no input and returns its output; fails the test with the command's stderr if it
   * exits non-zero or is still running after timeout (it is then killed).
   */
  public static ProcessResult run(Duration timeout, String... cmd) {
    Path out = null;
    Path err = null;
    Process p = null;
    try {
      // Files rather than pipes: a chatty tool can never block on a full pipe we are not reading.
      out = Files.createTempFile("realtools", ".out");
      err = Files.createTempFile("realtools", ".err");
      p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close(); // no input: a tool that reads stdin sees end of file
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return fail(String.join(" ", cmd) + " did not finish within " + timeout + "; stderr:\n"
            + read(err));
      }
      ProcessResult result = new ProcessResult(p.exitValue(), read(out), read(err));
      if (result.exitCode() != 0) {
        fail(String.join(" ", cmd) + " exited with " + result.exitCode() + "; stderr:\n"
            + result.stderr());
      }
      return result;
    } catch (IOException e) {
      return fail("could not run " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (p != null) {
        p.destroyForcibly();
      }
      return fail("interrupted running " + String.join(" ", cmd), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    List<String> suffixes = File.separatorChar == '\\' ? List.of(".exe", ".cmd", "") : List.of("");
    for (String dir : path.split(File.pathSeparator)) {
      for (String suffix : suffixes) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool + suffix))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is not worth failing a test over
      }
    }
  }
}
