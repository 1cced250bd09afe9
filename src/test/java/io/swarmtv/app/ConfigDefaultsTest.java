package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {
  @Command(name = "toy", mixinStandardHelpOptions = true)
  static final class Toy implements Runnable {
    @Option(names = "--data", description = "Where state lives.") Path data;
    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the page (default: ${DEFAULT-VALUE}).") int httpPort;
    @Option(names = "--no-public", description = "No public trackers.") boolean noPublic;
    @Option(names = "--tracker", split = ",", description = "A tracker; repeatable.") List<String> trackers = new ArrayList<>();

    @Override
    public void run() {}
  }

  @TempDir Path dir;

  private Toy parse(String config, String... args) throws Exception {
    Path file = dir.resolve("toy.conf");
    Files.writeString(file, config);
    Toy toy = new Toy();
    CommandLine cl = new CommandLine(toy);
    ConfigDefaults.install(cl.getCommandSpec(), file, Set.of("--data"));
    cl.parseArgs(args);
    return toy;
  }

  @Test
  void theFileSetsDefaultsAndFlagsOverrideThem() throws Exception {
    Toy fromFile = parse("http-port = 9000\nno-public = true\ntracker = udp://a:1/announce\ntracker = http://b/announce\n");
    assertEquals(9000, fromFile.httpPort);
    assertTrue(fromFile.noPublic);
    assertEquals(List.of("udp://a:1/announce", "http://b/announce"), fromFile.trackers);

    Toy overridden = parse("http-port = 9000\ntracker = udp://a:1/announce\n", "--http-port", "7000", "--tracker", "http://c/announce");
    assertEquals(7000, overridden.httpPort);
    assertEquals(List.of("http://c/announce"), overridden.trackers);

    assertEquals(8080, parse("# nothing\n").httpPort);
  }

  @Test
  void unknownKeysAndOptionsThatAreNotSettingsAreRefused() {
    ConfigException data = assertThrows(ConfigException.class, () -> parse("data = /tmp\n"));
    assertTrue(data.getMessage().endsWith("line 1: unknown setting 'data'"), data.getMessage());
    ConfigException help = assertThrows(ConfigException.class, () -> parse("help = true\n"));
    assertTrue(help.getMessage().endsWith("line 1: unknown setting 'help'"), help.getMessage());
  }

  @Test
  void aBadValueInTheFileIsRefusedByTheSameConverterAsAFlag() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> parse("http-port = eighty\n"));
    assertTrue(e.getMessage().contains("--http-port"), e.getMessage());
    assertTrue(e.getMessage().contains("eighty"), e.getMessage());
  }

  @Test
  void theTemplateListsEverySettingAtItsDefaultAndReadsBackUnchanged() throws Exception {
    String template = ConfigDefaults.template(new CommandLine(new Toy()).getCommandSpec(), Set.of("--data"));
    assertTrue(template.contains("# Port of the page (default: 8080).\n#http-port = 8080\n"), template);
    assertTrue(template.contains("#no-public = false\n"), template);
    assertTrue(template.contains("#tracker = \n"), template);
    assertTrue(!template.contains("#data"), template);
    assertEquals(8080, parse(template).httpPort);
    assertEquals(8081, parse(template.replace("#http-port = 8080", "http-port = 8081")).httpPort);
  }
}
