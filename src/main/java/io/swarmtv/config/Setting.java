package io.swarmtv.config;

import java.util.List;
import java.util.Objects;

/**
 * One typed setting of a config file: its key (also its command-line flag, {@code --key}), its
 * default, one line saying what it does, and how its text is read.
 *
 * @param repeatable whether the key may appear on several lines, each adding one value to a list
 */
public record Setting<T>(String key, T defaultValue, String description, Parser<T> parser,
    boolean repeatable) {

  /** Reads a setting's text; throws {@link IllegalArgumentException} saying what is wrong. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text);
  }

  public Setting {
    Objects.requireNonNull(key);
    Objects.requireNonNull(description);
    Objects.requireNonNull(parser);
    if (!key.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("setting key must be lower-case words joined by '-': " + key);
    }
  }

  /** A setting given once; its last line wins. */
  public static <T> Setting<T> of(String key, T defaultValue, String description, Parser<T> parser) {
    return new Setting<>(key, defaultValue, description, parser, false);
  }

  /** A setting that may be given on several lines, each adding a value; its default is empty. */
  public static <T> Setting<List<T>> list(String key, String description, Parser<T> parser) {
    return new Setting<>(key, List.of(), description, text -> List.of(parser.parse(text)), true);
  }

  /** The default as the config file would write it; empty for none. */
  public String defaultText() {
    if (defaultValue == null) {
      return "";
    }
    if (defaultValue instanceof List<?> l) {
      return l.isEmpty() ? "" : String.join(", ", l.stream().map(String::valueOf).toList());
    }
    return String.valueOf(defaultValue);
  }
}
