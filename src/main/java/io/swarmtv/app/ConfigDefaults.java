package io.swarmtv.app;

import io.swarmtv.config.ConfigException;
import io.swarmtv.config.ConfigFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's config file as picocli defaults: each setting is the long option of the same name
 * without its dashes ({@code http-port = 8080} is {@code --http-port 8080}), so a flag on the
 * command line overrides the file, and picocli converts and checks file values exactly as it
 * does flags.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  private final ConfigFile file;

  private ConfigDefaults(ConfigFile file) {
    this.file = file;
  }

  /**
   * Reads {@code configFile} against {@code spec}'s options, except {@code notSettings} (such as
   * the option that names the data directory), and makes it the command's default provider.
   */
  static ConfigFile install(CommandSpec spec, Path configFile, Set<String> notSettings) throws ConfigException {
    Map<String, OptionSpec> settings = settings(spec, notSettings);
    Set<String> repeatable = new HashSet<>();
    settings.forEach((key, option) -> {
      if (option.isMultiValue()) {
        repeatable.add(key);
      }
    });
    ConfigFile file = ConfigFile.read(configFile, settings.keySet(), repeatable);
    spec.defaultValueProvider(new ConfigDefaults(file));
    return file;
  }

  /** The options a config file may set, by key: every long option but help, version and {@code notSettings}. */
  static Map<String, OptionSpec> settings(CommandSpec spec, Set<String> notSettings) {
    Map<String, OptionSpec> out = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (!name.startsWith("--") || o.usageHelp() || o.versionHelp() || notSettings.contains(name)) {
        continue;
      }
      out.put(name.substring(2), o);
    }
    return out;
  }

  /**
   * A config file listing every setting of {@code spec} with its description and default, all
   * commented out, so that uncommenting a line is all it takes to set it.
   */
  static String template(CommandSpec spec, Set<String> notSettings) {
    StringBuilder out = new StringBuilder();
    out.append("# swarmtv ").append(spec.name()).append(" settings. Each line is 'key = value', the same as\n");
    out.append("# the flag --key on the command line, which overrides the line. Settings that may be\n");
    out.append("# given several times take one line each. Every setting is shown at its default.\n");
    settings(spec, notSettings).forEach((key, option) -> {
      out.append('\n');
      for (String line : option.description()) {
        out.append("# ").append(line.replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))).append('\n');
      }
      String dflt = option.defaultValue() == null ? "" : option.defaultValue();
      if (option.type() == boolean.class || option.type() == Boolean.class) {
        dflt = dflt.isEmpty() ? "false" : dflt;
      }
      out.append('#').append(key).append(" = ").append(dflt).append('\n');
    });
    return out.toString();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) {
      return null;
    }
    List<String> values = file.values(o.longestName().substring(2));
    if (values.isEmpty()) {
      return null;
    }
    // A multi-valued option takes its lines joined by its split regex; options that may be given
    // in a config file more than once declare split = ",".
    return o.isMultiValue() ? String.join(",", values) : values.get(0);
  }

  /** Where the file sets {@code option}, for a message about a bad value; null if it does not. */
  String where(OptionSpec option) {
    String key = option.longestName().substring(2);
    return file.has(key) ? file.where(key) : null;
  }
}
