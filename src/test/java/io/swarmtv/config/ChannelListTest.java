package io.swarmtv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelListTest {
  @TempDir Path dir;

  private static ChannelLink newLink(String name) {
    return new ChannelLink(ChannelKey.generate().id(), name, List.of());
  }

  @Test
  void everyChangeSurvivesAReopen() throws Exception {
    ChannelList list = ChannelList.open(dir);
    ChannelLink news = newLink("News");
    ChannelLink sport = newLink(null);
    list.add(news, null, null, 1000);
    list.add(sport, "Sport", URI.create("https://logos.example/sport.png"), 2000);
    list.update(news.id(), e -> e.withPinned(true).withName("Nachrichten"));
    list.update(sport.id(), e -> e.withStopped(true));

    ChannelList reopened = ChannelList.open(dir);
    assertEquals(list.entries(), reopened.entries());
    ChannelEntry first = reopened.entries().get(0);
    assertEquals("Nachrichten", first.displayName());
    assertTrue(first.pinned());
    assertEquals(URI.create("https://logos.example/sport.png"), reopened.get(sport.id()).orElseThrow().logo());
    assertTrue(reopened.get(sport.id()).orElseThrow().stopped());

    assertTrue(reopened.remove(news.id()));
    assertFalse(reopened.remove(news.id()));
    assertEquals(List.of(sport.id()), ChannelList.open(dir).entries().stream().map(ChannelEntry::id).toList());
  }

  @Test
  void tellsListenersAndCountsVersionsOnlyOnRealChanges() throws Exception {
    ChannelList list = ChannelList.open(dir);
    List<Integer> seen = new ArrayList<>();
    list.onChange(entries -> seen.add(entries.size()));
    ChannelLink a = newLink("A");
    list.add(a, null, null, 1);
    list.update(a.id(), e -> e.withPinned(false));
    list.remove(newLink("never added").id());
    list.update(a.id(), e -> e.withPinned(true));
    assertEquals(List.of(1, 1), seen);
    assertEquals(2, list.version());
  }

  @Test
  void refusesDuplicatesAndBadNamesAndLogos() throws Exception {
    ChannelList list = ChannelList.open(dir);
    ChannelLink a = newLink("A");
    list.add(a, null, null, 1);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> list.add(a, null, null, 2));
    assertEquals("channel " + a.id() + " is already in the list", twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> list.add(newLink("B"), "x".repeat(101), null, 1));
    IllegalArgumentException logo = assertThrows(IllegalArgumentException.class,
        () -> list.add(newLink("C"), null, URI.create("file:///etc/passwd"), 1));
    assertEquals("a logo must be an http:// or https:// URL, not file:///etc/passwd", logo.getMessage());
    assertEquals(1, ChannelList.open(dir).entries().size());
  }

  @Test
  void aDamagedFileIsRefusedWithWhereAndWhy() throws Exception {
    Path file = dir.resolve(ChannelList.FILE_NAME);
    Files.writeString(file, "{\"format\":1,\"channels\":[{\"link\":\"swarmtv:nope\",\"pinned\":false,"
        + "\"stopped\":false,\"added\":0}]}");
    ConfigException badLink = assertThrows(ConfigException.class, () -> ChannelList.open(dir));
    assertTrue(badLink.getMessage().startsWith("channel list " + file + ", channel 1: "), badLink.getMessage());

    Files.writeString(file, "{\"format\":1,\"channels\":[],\"colour\":\"blue\"}");
    ConfigException unknown = assertThrows(ConfigException.class, () -> ChannelList.open(dir));
    assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());

    Files.writeString(file, "{\"format\":2,\"channels\":[]}");
    ConfigException newer = assertThrows(ConfigException.class, () -> ChannelList.open(dir));
    assertTrue(newer.getMessage().contains("newer swarmtv"), newer.getMessage());

    Files.writeString(file, "{\"format\":1,\"chan");
    assertThrows(ConfigException.class, () -> ChannelList.open(dir));
  }

  @Test
  void aFailedSaveLeavesMemoryAsTheDiskHasIt() throws Exception {
    Path sub = dir.resolve("data");
    Files.createDirectories(sub);
    ChannelList list = ChannelList.open(sub);
    list.add(newLink("kept"), null, null, 1);
    // With its directory gone, the next save cannot write its temporary file.
    Files.delete(sub.resolve(ChannelList.FILE_NAME));
    Files.delete(sub);
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> list.add(newLink("lost"), null, null, 2));
    assertTrue(e.getMessage().startsWith("could not save the channel list"), e.getMessage());
    assertEquals(1, list.entries().size());
    assertEquals(1, list.version());
  }

  /** Writes the list over and over in a child JVM that is killed mid-write, many times. */
  @Test
  void killingTheWriterAtAnyMomentNeverLeavesABrokenFile() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int round = 0; round < 8; round++) {
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ChannelListChurn.class.getName(), dir.toString())
          .redirectErrorStream(true).start();
      // Wait until it has written at least once, then kill it without warning.
      byte[] first = p.getInputStream().readNBytes(6);
      assertEquals("ready\n", new String(first, StandardCharsets.US_ASCII));
      Thread.sleep(20L * round);
      p.destroyForcibly();
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      ChannelList survivor = ChannelList.open(dir);
      assertFalse(survivor.entries().isEmpty(), "round " + round + ": the list lost its channels");
      try (var files = Files.list(dir)) {
        // Temporary files of a killed writer may stay behind; they never replace the list.
        assertTrue(files.allMatch(f -> f.getFileName().toString().equals(ChannelList.FILE_NAME)
            || f.getFileName().toString().endsWith(".tmp")));
      }
    }
  }

  /** The child: keeps renaming and pinning channels as fast as it can until killed. */
  public static final class ChannelListChurn {
    public static void main(String[] args) throws ConfigException, IOException {
      ChannelList list = ChannelList.open(Path.of(args[0]));
      if (list.entries().isEmpty()) {
        for (int i = 0; i < 20; i++) {
          list.add(newLink("channel " + i), null, null, i);
        }
      }
      System.out.print("ready\n");
      System.out.flush();
      for (long i = 0; ; i++) {
        long n = i;
        for (ChannelEntry e : list.entries()) {
          list.update(e.id(), x -> x.withName("name " + n).withPinned(n % 2 == 0));
        }
      }
    }
  }
}
