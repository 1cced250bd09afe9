package io.swarmtv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  static final Setting<Integer> PORT = Setting.of("http-port", 8080, "TCP port of the web page and HLS",
      text -> {
        int p = Integer.parseInt(text);
        if (p < 0 || p > 65535) {
          throw new IllegalArgumentException("must be a port number 0..65535, was " + text);
        }
        return p;
      });
  static final Setting<Boolean> PUBLIC = Setting.of("public", true, "Use public trackers and DHT routers",
      text -> switch (text) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw new IllegalArgumentException("must be true or false, was '" + text + "'");
      });
  static final Setting<List<String>> TRACKERS = Setting.list("tracker", "A tracker to announce to", t -> t);
  static final List<Setting<?>> ALL = List.of(PORT, PUBLIC, TRACKERS);

  @Test
  void readsSettingsCommentsAndRepeatedLists() throws Exception {
    ConfigFile c = ConfigFile.parse("test.conf", """
        # a comment
        http-port = 9000

          tracker = udp://a.example:1337/announce
        tracker=http://b.example/announce
        """, ALL);
    assertEquals(9000, c.get(PORT));
    assertTrue(c.has(PORT));
    assertEquals(true, c.get(PUBLIC));
    assertFalse(c.has(PUBLIC));
    assertEquals(List.of("udp://a.example:1337/announce", "http://b.example/announce"), c.get(TRACKERS));
  }

  @Test
  void refusesAnUnknownKeyNamingItAndItsLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "http-port = 1\nhttp_port = 2\n", ALL));
    assertEquals("test.conf line 2: unknown setting 'http_port' (did you mean 'http-port'?)", e.getMessage());
    ConfigException plain = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "colour = blue\n", ALL));
    assertEquals("test.conf line 1: unknown setting 'colour'", plain.getMessage());
  }

  @Test
  void refusesABadValueNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "\n\nhttp-port = 70000\n", ALL));
    assertEquals("test.conf line 3: http-port: must be a port number 0..65535, was 70000", e.getMessage());
    ConfigException notBool = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "public = maybe\n", ALL));
    assertEquals("test.conf line 1: public: must be true or false, was 'maybe'", notBool.getMessage());
  }

  @Test
  void refusesASingleSettingGivenTwiceAndALineWithoutEquals() {
    ConfigException twice = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "http-port = 1\nhttp-port = 2\n", ALL));
    assertEquals("test.conf line 2: http-port is already set on line 1", twice.getMessage());
    ConfigException noEquals = assertThrows(ConfigException.class,
        () -> ConfigFile.parse("test.conf", "http-port 8080\n", ALL));
    assertEquals("test.conf line 1: expected 'key = value', found 'http-port 8080'", noEquals.getMessage());
  }

  @Test
  void theTemplateListsEverySettingAndReadsBackAsAllDefaults() throws Exception {
    String template = ConfigFile.template("swarmtv test", ALL);
    for (Setting<?> s : ALL) {
      assertTrue(template.contains("#" + s.key() + " = " + s.defaultText()), template);
      assertTrue(template.contains(s.description()), template);
    }
    ConfigFile c = ConfigFile.parse("template", template, ALL);
    assertFalse(c.has(PORT));
    // Uncommenting a line is all it takes to set it.
    ConfigFile set = ConfigFile.parse("template", template.replace("#http-port = 8080", "http-port = 8081"), ALL);
    assertEquals(8081, set.get(PORT));
  }

  @Test
  void aMissingFileIsAllDefaultsButAnUnreadableOneIsAnError(@TempDir Path dir) throws Exception {
    assertEquals(8080, ConfigFile.read(dir.resolve("none.conf"), ALL).get(PORT));
    Path big = dir.resolve("big.conf");
    Files.write(big, new byte[ConfigFile.MAX_BYTES + 1]);
    ConfigException tooBig = assertThrows(ConfigException.class, () -> ConfigFile.read(big, ALL));
    assertTrue(tooBig.getMessage().contains("more than the " + ConfigFile.MAX_BYTES), tooBig.getMessage());
    Path binary = dir.resolve("binary.conf");
    Files.write(binary, new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe});
    ConfigException notText = assertThrows(ConfigException.class, () -> ConfigFile.read(binary, ALL));
    assertEquals("config file " + binary + " is not UTF-8 text", notText.getMessage());
  }
}
