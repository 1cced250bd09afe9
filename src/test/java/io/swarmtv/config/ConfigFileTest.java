package io.swarmtv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  static final Set<String> KEYS = Set.of("http-port", "public", "tracker");
  static final Set<String> LISTS = Set.of("tracker");

  private static ConfigFile parse(String text) throws ConfigException {
    return ConfigFile.parse("test.conf", text, KEYS, LISTS);
  }

  @Test
  void readsSettingsCommentsAndRepeatedLists() throws Exception {
    ConfigFile c = parse("""
        # a comment
        http-port = 9000

          tracker = udp://a.example:1337/announce
        tracker=http://b.example/announce
        """);
    assertEquals(List.of("9000"), c.values("http-port"));
    assertTrue(c.has("http-port"));
    assertFalse(c.has("public"));
    assertEquals(List.of(), c.values("public"));
    assertEquals(List.of("udp://a.example:1337/announce", "http://b.example/announce"), c.values("tracker"));
    assertEquals("test.conf line 2", c.where("http-port"));
    assertEquals("test.conf line 4", c.where("tracker"));
  }

  @Test
  void refusesAnUnknownKeyNamingItAndItsLine() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("http-port = 1\nhttp_port = 2\n"));
    assertEquals("test.conf line 2: unknown setting 'http_port' (did you mean 'http-port'?)", e.getMessage());
    ConfigException flag = assertThrows(ConfigException.class, () -> parse("--public = false\n"));
    assertEquals("test.conf line 1: unknown setting '--public' (did you mean 'public'?)", flag.getMessage());
    ConfigException plain = assertThrows(ConfigException.class, () -> parse("colour = blue\n"));
    assertEquals("test.conf line 1: unknown setting 'colour'", plain.getMessage());
  }

  @Test
  void refusesASingleSettingGivenTwiceAndALineWithoutEquals() {
    ConfigException twice = assertThrows(ConfigException.class, () -> parse("http-port = 1\nhttp-port = 2\n"));
    assertEquals("test.conf line 2: http-port is already set on line 1", twice.getMessage());
    ConfigException noEquals = assertThrows(ConfigException.class, () -> parse("http-port 8080\n"));
    assertEquals("test.conf line 1: expected 'key = value', found 'http-port 8080'", noEquals.getMessage());
  }

  @Test
  void aMissingFileSetsNothingButAnUnreadableOneIsAnError(@TempDir Path dir) throws Exception {
    assertFalse(ConfigFile.read(dir.resolve("none.conf"), KEYS, LISTS).has("http-port"));
    Path big = dir.resolve("big.conf");
    Files.write(big, new byte[ConfigFile.MAX_BYTES + 1]);
    ConfigException tooBig = assertThrows(ConfigException.class, () -> ConfigFile.read(big, KEYS, LISTS));
    assertTrue(tooBig.getMessage().contains("more than the " + ConfigFile.MAX_BYTES), tooBig.getMessage());
    Path binary = dir.resolve("binary.conf");
    Files.write(binary, new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe});
    ConfigException notText = assertThrows(ConfigException.class, () -> ConfigFile.read(binary, KEYS, LISTS));
    assertEquals("config file " + binary + " is not UTF-8 text", notText.getMessage());
  }
}
