package io.swarmtv.app;

import static io.swarmtv.app.ProbeCommandTest.swarmtv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @Test
  void writesAPrivateKeyAndPrintsItsLink(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("news.key");
    ProbeCommandTest.Run run = swarmtv("keygen", "--out", key.toString(), "--name", "Evening News",
        "--tracker", "udp://127.0.0.1:6969/announce");
    assertEquals(0, run.exit(), run.err());
    ChannelLink link = ChannelLink.parse(run.out().strip());
    assertEquals("Evening News", link.name());
    assertEquals(List.of(URI.create("udp://127.0.0.1:6969/announce")), link.trackers());
    assertEquals(ChannelKey.read(key).id(), link.id());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  @Test
  void refusesToOverwriteAndRejectsBadOptions(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("a.key");
    assertEquals(0, swarmtv("keygen", "--out", key.toString()).exit());
    byte[] before = Files.readAllBytes(key);

    ProbeCommandTest.Run again = swarmtv("keygen", "--out", key.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(new String(before), new String(Files.readAllBytes(key)), "the key is untouched");

    ProbeCommandTest.Run badTracker = swarmtv("keygen", "--out", dir.resolve("b.key").toString(), "--tracker", "ftp://x/");
    assertEquals(2, badTracker.exit());
    assertTrue(badTracker.err().contains("ftp"), badTracker.err());
    assertTrue(Files.notExists(dir.resolve("b.key")), "nothing written on bad usage");

    ProbeCommandTest.Run noFolder = swarmtv("keygen", "--out", dir.resolve("missing/c.key").toString());
    assertEquals(1, noFolder.exit());
    assertTrue(noFolder.err().contains("does not exist"), noFolder.err());

    assertEquals(2, swarmtv("keygen").exit(), "--out is required");
  }
}
