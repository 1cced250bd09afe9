package io.swarmtv.discovery.tracker;

import static org.junit.jupiter.api.Assertions.fail;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.testing.RealTools;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code opentracker} on loopback, HTTP and UDP on one port. Debian builds it with a
 * whitelist: it serves only the info-hashes given, and refuses others with a failure reason.
 */
final class Opentracker implements AutoCloseable {
  private final Process process;
  private final int port;

  private Opentracker(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Opentracker start(Path dir, InfoHash... allowed) throws Exception {
    RealTools.require("opentracker");
    // It reads the whitelist as user nobody, after chrooting to -d: JUnit's private temp dir will not do.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path whitelist = dir.resolve("whitelist");
    Files.write(whitelist, List.of(java.util.Arrays.stream(allowed).map(InfoHash::hex).toArray(String[]::new)));
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      // It chroots to -d: the whitelist is named relative to that.
      Process p = new ProcessBuilder("opentracker", "-i", "127.0.0.1", "-p", "" + port, "-P", "" + port,
          "-d", dir.toAbsolutePath().toString(), "-w", "whitelist").directory(dir.toFile())
          .redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null")).start();
      for (int i = 0; i < 50 && p.isAlive(); i++) {
        if (serves(port, allowed[0])) {
          return new Opentracker(p, port);
        }
        Thread.sleep(100);
      }
      p.destroyForcibly();
    }
    return fail("opentracker did not start");
  }

  /**
   * Whether the tracker is up and has read its whitelist (it does so on a thread of its own after
   * it starts listening): a {@code stopped} for an allowed swarm is then accepted.
   */
  private static boolean serves(int port, InfoHash allowed) {
    AnnounceRequest probe = new AnnounceRequest(allowed, PeerIdBytes.random(new java.security.SecureRandom()), 1,
        AnnounceEvent.NONE, 1, 0, 0);
    URI tracker = URI.create("http://127.0.0.1:" + port + "/announce");
    try {
      for (AnnounceRequest r : List.of(probe, probe.withEvent(AnnounceEvent.STOPPED))) {
        try (java.io.InputStream in = HttpTrackerCodec.announceUri(tracker, r).toURL().openStream()) {
          HttpTrackerCodec.parseAnnounce(in.readNBytes(4096));
        }
      }
      return true;
    } catch (java.io.IOException | TrackerException notYet) {
      return false;
    }
  }

  /** A port free for TCP and for UDP just now. */
  private static int freePort() throws Exception {
    while (true) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      try (DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (java.net.SocketException taken) {
        // try another
      }
    }
  }

  URI http() {
    return URI.create("http://127.0.0.1:" + port + "/announce");
  }

  URI udp() {
    return URI.create("udp://127.0.0.1:" + port + "/announce");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
