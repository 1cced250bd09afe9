package io.swarmtv.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config file of {@code key = value} lines, {@code #} comments and blank lines, read against a
 * list of {@link Setting}s: an unknown key, a bad value or a single setting given twice is refused
 * with the file, line and key, so a typo never silently falls back to a default.
 */
public final class ConfigFile {
  /** Config files are a few hundred bytes; anything past this is not one. */
  public static final int MAX_BYTES = 64 * 1024;

  private final Map<String, Object> values;

  private ConfigFile(Map<String, Object> values) {
    this.values = values;
  }

  /** A config with every setting at its default, for when there is no file. */
  public static ConfigFile defaults() {
    return new ConfigFile(Map.of());
  }

  /** Reads {@code file}; a missing file means every setting at its default. */
  public static ConfigFile read(Path file, List<Setting<?>> settings) throws ConfigException {
    byte[] bytes;
    try {
      bytes = AtomicFile.readBounded(file, MAX_BYTES, "config file");
    } catch (NoSuchFileException e) {
      return defaults();
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("config file " + file + " is not UTF-8 text");
    }
    return parse(file.toString(), text, settings);
  }

  /** Parses config text; {@code name} says where it came from in error messages. */
  public static ConfigFile parse(String name, String text, List<Setting<?>> settings) throws ConfigException {
    Map<String, Setting<?>> byKey = new HashMap<>();
    settings.forEach(s -> byKey.put(s.key(), s));
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int n = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(name + " line " + n + ": expected 'key = value', found '" + abbreviate(line) + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      Setting<?> setting = byKey.get(key);
      if (setting == null) {
        throw new ConfigException(name + " line " + n + ": unknown setting '" + abbreviate(key) + "'"
            + suggestion(key, byKey.keySet()));
      }
      Object parsed;
      try {
        parsed = setting.parser().parse(value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + " line " + n + ": " + key + ": " + e.getMessage());
      }
      Integer earlier = firstLine.putIfAbsent(key, n);
      if (setting.repeatable()) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) values.computeIfAbsent(key, k -> new ArrayList<>());
        list.addAll((List<?>) parsed);
      } else if (earlier != null) {
        throw new ConfigException(name + " line " + n + ": " + key + " is already set on line " + earlier);
      } else {
        values.put(key, parsed);
      }
    }
    return new ConfigFile(values);
  }

  /** The setting's value from the file, or its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Object v = values.get(setting.key());
    if (v instanceof List<?> l) {
      return (T) List.copyOf(l);
    }
    return v == null ? setting.defaultValue() : (T) v;
  }

  /** Whether the file set {@code setting}, as opposed to leaving its default. */
  public boolean has(Setting<?> setting) {
    return values.containsKey(setting.key());
  }

  /** A commented file listing every setting with its description and default, all commented out. */
  public static String template(String title, List<Setting<?>> settings) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(title).append('\n');
    out.append("# Each line is 'key = value'; a command-line flag --key overrides the line.\n");
    out.append("# Every setting is shown at its default, commented out.\n");
    for (Setting<?> s : settings) {
      out.append('\n');
      out.append("# ").append(s.description()).append(s.repeatable() ? " (one line each)" : "").append('\n');
      out.append("#").append(s.key()).append(" = ").append(s.defaultText()).append('\n');
    }
    return out.toString();
  }

  private static String suggestion(String key, Iterable<String> known) {
    String normalised = key.toLowerCase().replace('_', '-').replace('.', '-');
    for (String k : known) {
      if (k.equals(normalised) || k.equals(normalised.replaceFirst("^no-", ""))) {
        return " (did you mean '" + k + "'?)";
      }
    }
    return "";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
