package io.swarmtv.app;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Players of each channel's HLS seen lately: an HLS player is only a run of separate requests, so
 * it counts as watching for a while after its last one. Bounded: at most {@link #MAX_CLIENTS}
 * clients a channel are remembered.
 */
final class HlsViewers {
  /** Clients remembered per channel; a household has far fewer players. */
  static final int MAX_CLIENTS = 256;

  private final long windowMicros;
  private final Map<String, LinkedHashMap<String, Long>> byChannel = new HashMap<>();

  /** @param windowMicros how long a client counts after its last request */
  HlsViewers(long windowMicros) {
    this.windowMicros = windowMicros;
  }

  /** A request from {@code client} for {@code channel} at {@code nowMicros}. */
  synchronized void seen(String channel, String client, long nowMicros) {
    LinkedHashMap<String, Long> clients = byChannel.computeIfAbsent(channel, c -> new LinkedHashMap<>());
    expire(clients, nowMicros);
    clients.remove(client); // re-insert: the map stays ordered oldest request first
    if (clients.size() < MAX_CLIENTS) {
      clients.put(client, nowMicros);
    }
  }

  /** Clients of {@code channel} seen within the window before {@code nowMicros}. */
  synchronized int count(String channel, long nowMicros) {
    LinkedHashMap<String, Long> clients = byChannel.get(channel);
    if (clients == null) {
      return 0;
    }
    expire(clients, nowMicros);
    if (clients.isEmpty()) {
      byChannel.remove(channel);
    }
    return clients.size();
  }

  /** Forgets a channel's clients (it was left). */
  synchronized void forget(String channel) {
    byChannel.remove(channel);
  }

  private void expire(LinkedHashMap<String, Long> clients, long nowMicros) {
    for (Iterator<Long> i = clients.values().iterator(); i.hasNext(); ) {
      if (nowMicros - i.next() < windowMicros) {
        break;
      }
      i.remove();
    }
  }
}
