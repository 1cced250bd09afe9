package io.swarmtv.discovery;

import java.net.URI;
import java.util.List;

/**
 * Well-known open BitTorrent trackers, used by default so that a bare channel link finds its swarm
 * in a real home; {@code --no-public} turns them off, and the demo and every test do.
 */
public final class PublicTrackers {
  /** The default list: long-running open trackers that accept any info-hash. */
  public static final List<URI> DEFAULT = List.of(
      URI.create("udp://tracker.opentrackr.org:1337/announce"),
      URI.create("udp://open.demonii.com:1337/announce"),
      URI.create("udp://open.stealth.si:80/announce"),
      URI.create("udp://tracker.torrent.eu.org:451/announce"),
      URI.create("udp://exodus.desync.com:6969/announce"));

  private PublicTrackers() {}
}
