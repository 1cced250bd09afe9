package io.swarmtv.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A config file of {@code key = value} lines, {@code #} comments and blank lines.
 *
 * <p>Keys are checked against the settings the reader knows: an unknown key, or a single-valued
 * setting given twice, is refused with the file, line and key, so a typo never silently falls
 * back to a default. Values stay text here; whoever owns a setting converts and checks it, and
 * {@link #where} says where to point the user when a value is bad.
 */
public final class ConfigFile {
  /** Config files are a few hundred bytes; anything past this is not one. */
  public static final int MAX_BYTES = 64 * 1024;

  private final String name;
  private final Map<String, List<String>> values;
  private final Map<String, Integer> lines;

  private ConfigFile(String name, Map<String, List<String>> values, Map<String, Integer> lines) {
    this.name = name;
    this.values = values;
    this.lines = lines;
  }

  /** A config that sets nothing, for when there is no file. */
  public static ConfigFile empty(String name) {
    return new ConfigFile(name, Map.of(), Map.of());
  }

  /**
   * Reads {@code file}; a missing file sets nothing.
   *
   * @param keys every key the reader knows
   * @param repeatable the keys that may be given on several lines, each adding a value
   */
  public static ConfigFile read(Path file, Set<String> keys, Set<String> repeatable) throws ConfigException {
    byte[] bytes;
    try {
      bytes = AtomicFile.readBounded(file, MAX_BYTES, "config file");
    } catch (NoSuchFileException e) {
      return empty(file.toString());
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
    return parse(file.toString(), text, keys, repeatable);
  }

  /** Parses config text; {@code name} says where it came from in error messages. */
  public static ConfigFile parse(String name, String text, Set<String> keys, Set<String> repeatable)
      throws ConfigException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    String[] all = text.split("\r?\n", -1);
    for (int i = 0; i < all.length; i++) {
      int n = i + 1;
      String line = all[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(name + " line " + n + ": expected 'key = value', found '" + abbreviate(line) + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!keys.contains(key)) {
        throw new ConfigException(name + " line " + n + ": unknown setting '" + abbreviate(key) + "'"
            + suggestion(key, keys));
      }
      Integer earlier = lines.putIfAbsent(key, n);
      if (earlier != null && !repeatable.contains(key)) {
        throw new ConfigException(name + " line " + n + ": " + key + " is already set on line " + earlier);
      }
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new ConfigFile(name, values, lines);
  }

  /** Whether the file sets {@code key}. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The values the file gives {@code key}, one per line, in order; empty if it does not set it. */
  public List<String> values(String key) {
    return List.copyOf(values.getOrDefault(key, List.of()));
  }

  /** Where {@code key} is first set, for messages about a bad value: "FILE line N". */
  public String where(String key) {
    Integer line = lines.get(key);
    return line == null ? name : name + " line " + line;
  }

  private static String suggestion(String key, Set<String> known) {
    String normalised = key.toLowerCase().replace('_', '-').replace('.', '-').replaceFirst("^--", "");
    if (known.contains(normalised)) {
      return " (did you mean '" + normalised + "'?)";
    }
    return "";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
