package io.swarmtv.discovery.lan;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.ingest.MicrosClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * When to announce on the LAN and what announcements mean, without sockets. A swarm is announced
 * at once when tracked, again a second later (a datagram may be lost), then every
 * {@link #INTERVAL_MICROS}. A node that hears a peer it did not know for a swarm it tracks
 * answers with its own announcement at once, so two nodes know each other one round trip after the
 * second one starts, rather than after an interval.
 */
public final class LanAnnouncer {
  /** The second announcement follows the first by this much. */
  public static final long REPEAT_MICROS = 1_000_000;
  /** Then one this often (BEP 14 asks for no more than one a minute per swarm). */
  public static final long INTERVAL_MICROS = 60_000_000;
  /** Answers to newcomers go out no more often than this per swarm, so a crowd cannot make a storm. */
  public static final long ANSWER_GAP_MICROS = 1_000_000;
  /** Peers remembered per swarm; past this the oldest are forgotten (and may be answered again). */
  static final int MAX_KNOWN = 256;

  private final String cookie;
  private final MicrosClock clock;
  private final Map<InfoHash, Tracked> tracked = new HashMap<>();

  private static final class Tracked {
    final int port;
    final Consumer<InetSocketAddress> found;
    long nextMicros;
    long lastSentMicros = Long.MIN_VALUE;
    int sent;
    /** Peers heard, with the cookie they used: a new cookie at a known address is a restarted node. */
    final LinkedHashMap<InetSocketAddress, String> known = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, String> eldest) {
        return size() > MAX_KNOWN;
      }
    };

    Tracked(int port, Consumer<InetSocketAddress> found, long now) {
      this.port = port;
      this.found = found;
      this.nextMicros = now;
    }
  }

  /** An announcer whose own messages carry {@code cookie}. */
  public LanAnnouncer(String cookie, MicrosClock clock) {
    this.cookie = cookie;
    this.clock = clock;
  }

  /** Our cookie. */
  public String cookie() {
    return cookie;
  }

  /** Starts announcing {@code infoHash} on {@code port}; peers heard for it go to {@code found}. */
  public synchronized void track(InfoHash infoHash, int port, Consumer<InetSocketAddress> found) {
    if (tracked.containsKey(infoHash)) {
      throw new IllegalStateException("swarm " + infoHash + " is tracked on the LAN already");
    }
    tracked.put(infoHash, new Tracked(port, found, clock.nowMicros()));
  }

  /** Stops announcing {@code infoHash} and ignores what is heard about it. */
  public synchronized void untrack(InfoHash infoHash) {
    tracked.remove(infoHash);
  }

  /** The announcements due now, swarms on one port grouped into as few as fit; marks them sent. */
  public synchronized List<LsdMessage> due() {
    long now = clock.nowMicros();
    Map<Integer, List<InfoHash>> byPort = new TreeMap<>();
    tracked.forEach((hash, t) -> {
      if (now >= t.nextMicros) {
        byPort.computeIfAbsent(t.port, p -> new ArrayList<>()).add(hash);
        t.sent++;
        t.lastSentMicros = now;
        t.nextMicros = now + (t.sent == 1 ? REPEAT_MICROS : INTERVAL_MICROS);
      }
    });
    List<LsdMessage> out = new ArrayList<>();
    byPort.forEach((port, hashes) -> {
      for (int i = 0; i < hashes.size(); i += LsdMessage.MAX_INFO_HASHES) {
        out.add(new LsdMessage(port, hashes.subList(i, Math.min(hashes.size(), i + LsdMessage.MAX_INFO_HASHES)), cookie));
      }
    });
    return out;
  }

  /** When {@link #due} next has something, or Long.MAX_VALUE when nothing is tracked. */
  public synchronized long nextDueMicros() {
    return tracked.values().stream().mapToLong(t -> t.nextMicros).min().orElse(Long.MAX_VALUE);
  }

  /**
   * An announcement heard from {@code sender}: its peer address goes to each tracked swarm it
   * names, and a newcomer makes those swarms due for an answer. Our own echo is ignored.
   */
  public void received(LsdMessage message, InetAddress sender) {
    if (cookie.equals(message.cookie())) {
      return;
    }
    InetSocketAddress peer = new InetSocketAddress(sender, message.port());
    List<Consumer<InetSocketAddress>> tell = new ArrayList<>();
    synchronized (this) {
      long now = clock.nowMicros();
      for (InfoHash hash : message.infoHashes()) {
        Tracked t = tracked.get(hash);
        if (t == null) {
          continue;
        }
        tell.add(t.found);
        String theirs = message.cookie() == null ? "" : message.cookie();
        boolean newcomer = !theirs.equals(t.known.put(peer, theirs));
        if (newcomer && t.sent > 0) {
          // Answer now, or as soon as the gap since our last announcement allows.
          t.nextMicros = Math.min(t.nextMicros, Math.max(now, t.lastSentMicros + ANSWER_GAP_MICROS));
        }
      }
    }
    tell.forEach(f -> f.accept(peer));
  }
}
