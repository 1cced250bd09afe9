package io.swarmtv.web;

/**
 * Where a device finds a channel on this gateway, on the address that device used to reach it.
 *
 * @param hls the HLS master playlist
 * @param ts the continuous MPEG-TS stream
 * @param m3u the M3U of every channel, to import into an IPTV player
 * @param m3uEntry this channel's two lines in that M3U
 * @param dlnaName the title TVs show for it in the gateway's DLNA media server
 */
public record ChannelUrls(String hls, String ts, String m3u, String m3uEntry, String dlnaName) {

  /** @param base scheme and authority the request came in on, e.g. {@code http://192.168.1.5:8080} */
  public static ChannelUrls of(String base, ChannelStatus channel) {
    String ts = base + "/ts/" + channel.id();
    String title = channel.name().replaceAll("\\p{Cntrl}", " ").strip();
    return new ChannelUrls(base + "/hls/" + channel.id() + "/index.m3u8", ts, base + "/playlist.m3u",
        "#EXTINF:-1 tvg-id=\"" + channel.id() + "\"," + title + "\n" + ts, title);
  }
}
