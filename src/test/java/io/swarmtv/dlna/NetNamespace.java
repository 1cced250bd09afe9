package io.swarmtv.dlna;

import io.swarmtv.testing.RealTools;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace the test makes and removes (ip netns), with loopback up and multicast
 * routed onto it, so SSDP never reaches the host's real network. Runs commands and long-lived
 * processes inside it; closing kills the processes and deletes the namespace.
 */
final class NetNamespace implements AutoCloseable {
  private final String name;
  private final List<Running> running = new ArrayList<>();

  private NetNamespace(String name) {
    this.name = name;
  }

  /** Makes a namespace with {@code lo} up and the multicast route on it. */
  static NetNamespace create() {
    RealTools.require("ip");
    String name = "swarmtv-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    RealTools.run(Duration.ofSeconds(10), "ip", "netns", "add", name);
    NetNamespace ns = new NetNamespace(name);
    ns.run(Duration.ofSeconds(10), "ip", "link", "set", "lo", "up");
    ns.run(Duration.ofSeconds(10), "ip", "link", "set", "lo", "multicast", "on");
    ns.run(Duration.ofSeconds(10), "ip", "route", "add", "224.0.0.0/4", "dev", "lo");
    return ns;
  }

  /** The namespace's name, for ip commands that place links into it. */
  String name() {
    return name;
  }

  /** Runs a command inside to completion; fails the test on a non-zero exit. */
  RealTools.ProcessResult run(Duration timeout, String... cmd) {
    requireTool(cmd[0]);
    return RealTools.run(timeout, inside(cmd));
  }

  /** Runs a command inside to completion, whatever its exit code. */
  RealTools.ProcessResult runAllowingFailure(Duration timeout, String... cmd) {
    requireTool(cmd[0]);
    return RealTools.runAllowingFailure(timeout, inside(cmd));
  }

  /** Like {@link RealTools#require}, also for a tool given by absolute path. */
  static void requireTool(String tool) {
    if (!tool.startsWith("/")) {
      RealTools.require(tool);
    } else if (!new File(tool).canExecute()) {
      if ("1".equals(System.getenv("SWARMTV_REQUIRE_TOOLS"))) {
        throw new AssertionError(tool + " is not installed, and SWARMTV_REQUIRE_TOOLS=1 requires it");
      }
      org.junit.jupiter.api.Assumptions.abort(tool + " is not installed; skipping");
    }
  }

  private String[] inside(String... cmd) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(List.of(cmd));
    return c.toArray(String[]::new);
  }

  /** Starts a process inside; its output lines can be awaited, its stdin written. */
  Running start(String... cmd) {
    requireTool(cmd[0]);
    try {
      ProcessBuilder pb = new ProcessBuilder(inside(cmd)).redirectErrorStream(false);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Running r = new Running(pb.start());
      running.add(r);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a Java main from the test classpath inside. */
  Running startJava(Class<?> main, String... args) {
    List<String> c = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    c.addAll(List.of(args));
    return start(c.toArray(String[]::new));
  }

  @Override
  public void close() {
    for (Running r : running) {
      r.kill();
    }
    RealTools.runAllowingFailure(Duration.ofSeconds(10), "ip", "netns", "del", name);
  }

  /** A process started inside, its stdout read line by line. */
  static final class Running {
    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    Running(Process process) {
      this.process = process;
      this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
      Thread t = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process died; what was read stays
        }
      });
      t.setDaemon(true);
      t.start();
    }

    /** Writes a line to its stdin. */
    void send(String line) {
      stdin.println(line);
    }

    /** The next output line that starts with {@code prefix}; fails the test if none comes in time. */
    String await(String prefix, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
          if (line == null) {
            throw new AssertionError("no line starting with \"" + prefix + "\" within " + timeout
                + "; output so far: " + all + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
          }
          all.add(line);
          if (line.startsWith(prefix)) {
            return line;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Waits for it to exit; returns its exit code. */
    int waitFor(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("process did not exit within " + timeout);
        }
        return process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    void kill() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The path of a test resource file, for tools that take a file name. */
  static String resourcePath(String name) {
    try {
      return new File(NetNamespace.class.getResource(name).toURI()).getPath();
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
