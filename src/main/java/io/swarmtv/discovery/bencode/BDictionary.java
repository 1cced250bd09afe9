package io.swarmtv.discovery.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dictionary ({@code d...e}).
 *
 * <p>Keys are byte strings; they are held as ISO-8859-1 strings so that every byte round-trips and
 * {@link String#compareTo} orders them by raw bytes, the order bencoding requires.
 */
public record BDictionary(SortedMap<String, BValue> entries) implements BValue {
  public BDictionary {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** A builder that keeps insertion simple: {@code builder().put("t", "aa").build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the dictionary has {@code key}. */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value under {@code key}, or null. */
  public BValue get(String key) {
    return entries.get(key);
  }

  /** The integer under {@code key}; a missing key or another type is a {@link BencodeException}. */
  public long integer(String key) {
    return require(key, BInteger.class).value();
  }

  /** The byte string under {@code key}. */
  public byte[] bytes(String key) {
    return require(key, BBytes.class).value();
  }

  /** The byte string under {@code key}, read as UTF-8. */
  public String text(String key) {
    return require(key, BBytes.class).text();
  }

  /** The dictionary under {@code key}. */
  public BDictionary dictionary(String key) {
    return require(key, BDictionary.class);
  }

  /** The list under {@code key}. */
  public BList list(String key) {
    return require(key, BList.class);
  }

  private <T extends BValue> T require(String key, Class<T> type) {
    BValue v = entries.get(key);
    if (v == null) {
      throw new BencodeException("missing key '" + key + "'");
    }
    if (!type.isInstance(v)) {
      throw new BencodeException("key '" + key + "' holds a " + v.kind() + ", not "
          + kindOf(type));
    }
    return type.cast(v);
  }

  private static String kindOf(Class<? extends BValue> type) {
    if (type == BInteger.class) {
      return "an integer";
    }
    if (type == BBytes.class) {
      return "a byte string";
    }
    return type == BList.class ? "a list" : "a dictionary";
  }

  @Override
  public String kind() {
    return "dictionary";
  }

  /** Collects entries for a {@link BDictionary}. */
  public static final class Builder {
    private final TreeMap<String, BValue> entries = new TreeMap<>();

    private Builder() {}

    public Builder put(String key, BValue value) {
      entries.put(key, value);
      return this;
    }

    public Builder put(String key, long value) {
      return put(key, new BInteger(value));
    }

    public Builder put(String key, String value) {
      return put(key, BBytes.of(value));
    }

    public Builder put(String key, byte[] value) {
      return put(key, new BBytes(value));
    }

    public BDictionary build() {
      return new BDictionary(entries);
    }
  }

  /** A key as it is held: the raw bytes as ISO-8859-1. */
  static String key(byte[] raw, int off, int len) {
    return new String(raw, off, len, StandardCharsets.ISO_8859_1);
  }

  /** Entries in raw-byte key order, as they are encoded. */
  Iterable<Map.Entry<String, BValue>> sorted() {
    return entries.entrySet();
  }
}
