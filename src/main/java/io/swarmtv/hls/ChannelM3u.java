package io.swarmtv.hls;

import java.util.List;

/**
 * The M3U of all channels that IPTV players (Kodi, VLC, TV apps) import: one entry per channel,
 * pointing at its continuous MPEG-TS stream on the host the player used to reach the gateway.
 */
public final class ChannelM3u {
  private ChannelM3u() {}

  /**
   * @param base scheme and authority the request came in on, e.g. {@code http://192.168.1.5:8080}
   */
  public static String render(String base, List<ChannelHls> channels) {
    StringBuilder b = new StringBuilder("#EXTM3U\n");
    for (ChannelHls c : channels) {
      String name = clean(c.name());
      b.append("#EXTINF:-1 tvg-id=\"").append(c.id()).append("\" tvg-name=\"").append(name.replace('"', '\''))
          .append("\",").append(name).append('\n');
      b.append(base).append("/ts/").append(c.id()).append('\n');
    }
    return b.toString();
  }

  /** A channel name fit for one M3U line. */
  private static String clean(String name) {
    String n = name == null || name.isBlank() ? "channel" : name;
    return n.replaceAll("[\\p{Cntrl}]", " ").strip();
  }
}
