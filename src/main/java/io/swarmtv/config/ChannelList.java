package io.swarmtv.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The household's channels, kept in a JSON file in the data directory and rewritten atomically
 * on every change, so killing the gateway at any moment leaves the old list or the new one.
 *
 * <p>Thread-safe: the web page, the API and DLNA read and change it from their own threads.
 */
public final class ChannelList {
  /** The file's name in the data directory. */
  public static final String FILE_NAME = "channels.json";
  /** Channels kept at most. */
  public static final int MAX_CHANNELS = 500;
  /** The file is a few kilobytes; anything past this is not ours. */
  static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** How the file holds the list. */
  record Stored(int format, List<StoredEntry> channels) {}

  /** How the file holds one entry: the link as text, so the file reads like what users paste. */
  record StoredEntry(String link, String name, String logo, boolean pinned, boolean stopped, long added) {}

  private final Path file;
  private final Map<ChannelId, ChannelEntry> entries = new LinkedHashMap<>();
  private final List<Consumer<List<ChannelEntry>>> listeners = new CopyOnWriteArrayList<>();
  private long version;

  private ChannelList(Path file) {
    this.file = file;
  }

  /** Loads the list from {@code dataDir}, or starts an empty one if the file is not there yet. */
  public static ChannelList open(Path dataDir) throws ConfigException {
    ChannelList list = new ChannelList(dataDir.resolve(FILE_NAME));
    byte[] bytes;
    try {
      bytes = AtomicFile.readBounded(list.file, MAX_BYTES, "channel list");
    } catch (NoSuchFileException e) {
      return list;
    } catch (IOException e) {
      throw new ConfigException("cannot read the channel list: " + e.getMessage(), e);
    }
    Stored stored;
    try {
      stored = JSON.readValue(bytes, Stored.class);
    } catch (JacksonException e) {
      throw new ConfigException("channel list " + list.file + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read the channel list " + list.file + ": " + e.getMessage(), e);
    }
    if (stored == null || stored.format() != FORMAT || stored.channels() == null) {
      throw new ConfigException("channel list " + list.file + " is not in format " + FORMAT
          + " (was it written by a newer swarmtv?)");
    }
    int n = 0;
    for (StoredEntry e : stored.channels()) {
      n++;
      try {
        if (e == null || e.link() == null) {
          throw new IllegalArgumentException("has no link");
        }
        ChannelEntry entry = new ChannelEntry(ChannelLink.parse(e.link()), e.name(),
            e.logo() == null ? null : new URI(e.logo()), e.pinned(), e.stopped(), e.added());
        if (list.entries.putIfAbsent(entry.id(), entry) != null) {
          throw new IllegalArgumentException("channel " + entry.id() + " is listed twice");
        }
      } catch (IllegalArgumentException | URISyntaxException ex) {
        throw new ConfigException("channel list " + list.file + ", channel " + n + ": " + ex.getMessage());
      }
    }
    if (list.entries.size() > MAX_CHANNELS) {
      throw new ConfigException("channel list " + list.file + " has " + list.entries.size()
          + " channels, more than " + MAX_CHANNELS);
    }
    return list;
  }

  /** The channels in the order they were added. */
  public synchronized List<ChannelEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** The channel with this id, if the household has it. */
  public synchronized Optional<ChannelEntry> get(ChannelId id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Increases with every change, for DLNA's SystemUpdateID and the page's live updates. */
  public synchronized long version() {
    return version;
  }

  /**
   * Adds a channel, saving the list.
   *
   * @throws IllegalArgumentException if it is already listed or the list is full
   */
  public ChannelEntry add(ChannelLink link, String name, URI logo, long nowMillis) {
    ChannelEntry entry = new ChannelEntry(link, name, logo, false, false, nowMillis);
    change(() -> {
      if (entries.containsKey(link.id())) {
        throw new IllegalArgumentException("channel " + link.id() + " is already in the list");
      }
      if (entries.size() >= MAX_CHANNELS) {
        throw new IllegalArgumentException("the list already has " + MAX_CHANNELS + " channels");
      }
      entries.put(link.id(), entry);
    });
    return entry;
  }

  /** Removes a channel, saving the list; false if it was not listed. */
  public boolean remove(ChannelId id) {
    boolean[] removed = new boolean[1];
    change(() -> removed[0] = entries.remove(id) != null);
    return removed[0];
  }

  /**
   * Changes a listed channel (rename, pin, stop), saving the list.
   *
   * @return the changed entry, or empty if the channel is not listed
   */
  public Optional<ChannelEntry> update(ChannelId id, UnaryOperator<ChannelEntry> change) {
    List<ChannelEntry> out = new ArrayList<>(1);
    change(() -> {
      ChannelEntry old = entries.get(id);
      if (old != null) {
        ChannelEntry changed = change.apply(old);
        if (!changed.id().equals(id)) {
          throw new IllegalArgumentException("an update cannot change a channel's id");
        }
        entries.put(id, changed);
        out.add(changed);
      }
    });
    return out.stream().findFirst();
  }

  /** Calls {@code listener} with the new list after every saved change, on the changing thread. */
  public void onChange(Consumer<List<ChannelEntry>> listener) {
    listeners.add(listener);
  }

  private void change(Runnable mutation) {
    List<ChannelEntry> now;
    synchronized (this) {
      Map<ChannelId, ChannelEntry> before = new LinkedHashMap<>(entries);
      mutation.run();
      if (before.equals(entries)) {
        return;
      }
      try {
        save();
      } catch (IOException e) {
        // Memory must not run ahead of the disk: a change that could not be saved did not happen.
        entries.clear();
        entries.putAll(before);
        throw new UncheckedIOException("could not save the channel list " + file + ": " + e.getMessage(), e);
      }
      version++;
      now = List.copyOf(entries.values());
    }
    listeners.forEach(l -> l.accept(now));
  }

  private void save() throws IOException {
    List<StoredEntry> out = new ArrayList<>();
    for (ChannelEntry e : entries.values()) {
      out.add(new StoredEntry(e.link().toString(), e.name(), e.logo() == null ? null : e.logo().toString(),
          e.pinned(), e.stopped(), e.addedMillis()));
    }
    AtomicFile.replace(file, JSON.writeValueAsBytes(new Stored(FORMAT, out)));
  }
}
