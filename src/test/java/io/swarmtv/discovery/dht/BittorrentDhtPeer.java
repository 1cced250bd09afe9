package io.swarmtv.discovery.dht;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.testing.RealTools;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mainline DHT node, npm's {@code bittorrent-dht}, run by {@code src/test/node/dht-peer.mjs}
 * on loopback; its events arrive as JSON lines and tests wait for the ones they expect.
 */
final class BittorrentDhtPeer implements AutoCloseable {
  private static final Path SCRIPT_DIR = Path.of("src/test/node");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Writer commands;
  private final List<JsonNode> events = new ArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  final int port;
  final String id;

  private BittorrentDhtPeer(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          JsonNode event = JSON.readTree(line);
          synchronized (events) {
            events.add(event);
            events.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    Thread err = new Thread(() -> {
      try {
        process.getErrorStream().transferTo(stderr);
      } catch (IOException ignored) {
        // the process ended
      }
    });
    err.setDaemon(true);
    err.start();
    JsonNode listening = await("listening", e -> true, Duration.ofSeconds(20));
    this.port = listening.get("port").asInt();
    this.id = listening.get("id").asText();
  }

  /** Starts a node on 127.0.0.1 that bootstraps from {@code bootstrap} (none: it starts alone). */
  static BittorrentDhtPeer start(InetSocketAddress... bootstrap) {
    RealTools.require("node");
    if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/bittorrent-dht"))) {
      String why = "npm's bittorrent-dht is not installed: run npm ci --ignore-scripts --no-audit --no-fund --prefix src/test/node";
      if ("1".equals(System.getenv("SWARMTV_REQUIRE_TOOLS"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    List<String> cmd = new ArrayList<>(List.of("node", "dht-peer.mjs"));
    for (InetSocketAddress b : bootstrap) {
      cmd.add(b.getAddress().getHostAddress() + ":" + b.getPort());
    }
    try {
      return new BittorrentDhtPeer(new ProcessBuilder(cmd).directory(SCRIPT_DIR.toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** Sends one command line (announce HEX PORT, lookup HEX). */
  void command(String line) {
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first event named {@code name} that matches, waiting for it up to {@code timeout}. */
  JsonNode await(String name, Predicate<JsonNode> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (name.equals(e.path("event").asText()) && matches.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && events.isEmpty()) {
          fail("bittorrent-dht sent no matching '" + name + "' event within " + timeout + "; events: " + events
              + "\nstderr: " + stderr.toString(StandardCharsets.UTF_8));
        }
        try {
          events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      commands.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
