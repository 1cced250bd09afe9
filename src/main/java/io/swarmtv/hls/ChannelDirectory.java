package io.swarmtv.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The channels the gateway serves, by the id written in their links; safe from any thread. */
public final class ChannelDirectory {
  private final Map<String, ChannelHls> channels = new ConcurrentHashMap<>();
  private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds a channel; its id must be new. */
  public void add(ChannelHls channel) {
    if (channels.putIfAbsent(channel.id(), channel) != null) {
      throw new IllegalArgumentException("channel " + channel.id() + " is served already");
    }
    order.add(channel.id());
  }

  /** Stops serving a channel. */
  public void remove(String id) {
    ChannelHls c = channels.remove(id);
    order.remove(id);
    if (c != null) {
      c.close();
    }
  }

  /** The channel with this id, or null. */
  public ChannelHls get(String id) {
    return channels.get(id);
  }

  /** Every channel, in the order they were added. */
  public List<ChannelHls> all() {
    List<ChannelHls> all = new ArrayList<>();
    for (String id : order) {
      ChannelHls c = channels.get(id);
      if (c != null) all.add(c);
    }
    return all;
  }

  /** Ticks every channel. */
  public void tick() {
    channels.values().forEach(ChannelHls::tick);
  }
}
