package io.swarmtv.discovery.tracker;

import static org.junit.jupiter.api.Assertions.fail;

import io.swarmtv.testing.RealTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm {@code bittorrent-tracker} server on loopback (HTTP and UDP), run by node from
 * {@code src/test/node/tracker.mjs}; it reports each announce event it sees.
 */
public final class NodeTracker implements AutoCloseable {
  private static final Path SCRIPT = Path.of("src/test/node/tracker.mjs");
  private final Process process;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final int httpPort;
  private final int udpPort;

  private final String httpHost;

  private NodeTracker(int intervalSeconds, String httpHost) throws IOException, InterruptedException {
    this.httpHost = httpHost;
    RealTools.require("node");
    if (!Files.isDirectory(Path.of("src/test/node/node_modules/bittorrent-tracker"))) {
      fail("bittorrent-tracker is not installed: run npm ci --ignore-scripts --prefix src/test/node (.ci/run does)");
    }
    process = new ProcessBuilder("node", SCRIPT.toString(), Integer.toString(intervalSeconds), httpHost)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    Matcher m = first == null ? null : Pattern.compile("\\{\"http\":(\\d+),\"udp\":(\\d+)}").matcher(first);
    if (m == null || !m.matches()) {
      process.destroyForcibly();
      fail("bittorrent-tracker did not start; it said: " + first);
    }
    httpPort = Integer.parseInt(m.group(1));
    udpPort = Integer.parseInt(m.group(2));
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          events.add(line);
        }
      } catch (IOException ignored) {
        // the tracker ended
      }
    }, "node-tracker-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts it; it tells announcers to come back every {@code intervalSeconds}. */
  public static NodeTracker start(int intervalSeconds) throws Exception {
    return new NodeTracker(intervalSeconds, "127.0.0.1");
  }

  /** The same with its HTTP side on IPv6 loopback, {@code [::1]}. */
  static NodeTracker startIpv6(int intervalSeconds) throws Exception {
    return new NodeTracker(intervalSeconds, "::1");
  }

  /** The HTTP announce URL. */
  public URI http() {
    String host = httpHost.contains(":") ? "[" + httpHost + "]" : httpHost;
    return URI.create("http://" + host + ":" + httpPort + "/announce");
  }

  /** The UDP announce URL. */
  public URI udp() {
    return URI.create("udp://127.0.0.1:" + udpPort);
  }

  /** The events the tracker saw, such as {@code start 127.0.0.1:6881}. */
  public List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
