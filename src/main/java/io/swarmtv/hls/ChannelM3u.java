package io.swarmtv.hls;

import java.util.List;

/**
 * The M3U of all channels that IPTV players (Kodi, VLC, TV apps) import: one entry per channel,
 * pointing at its continuous MPEG-TS stream on the host the player used to reach the gateway.
 */
public final class ChannelM3u {
  private ChannelM3u() {}

  /** One channel's line: its id as in its URLs, its name, and its logo URL or null. */
  public record Entry(String id, String name, String logo) {}

  /**
   * @param base scheme and authority the request came in on, e.g. {@code http://192.168.1.5:8080}
   */
  public static String render(String base, List<ChannelHls> channels) {
    return renderEntries(base, channels.stream().map(c -> new Entry(c.id(), c.name(), null)).toList());
  }

  /** The M3U of {@code channels}, with {@code tvg-logo} where a channel has a logo. */
  public static String renderEntries(String base, List<Entry> channels) {
    StringBuilder b = new StringBuilder("#EXTM3U\n");
    for (Entry c : channels) {
      String name = clean(c.name());
      b.append("#EXTINF:-1 tvg-id=\"").append(c.id()).append("\" tvg-name=\"").append(name.replace('"', '\''))
          .append('"');
      if (c.logo() != null && !c.logo().isBlank()) {
        b.append(" tvg-logo=\"").append(clean(c.logo()).replace("\"", "%22")).append('"');
      }
      b.append(',').append(name).append('\n');
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
