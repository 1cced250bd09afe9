package io.swarmtv.hls;

import java.util.Locale;

/**
 * Renders a channel's master playlist: one variant per segment format, each described from the
 * stream itself (bit rates measured over the live window, codecs, resolution and frame rate from
 * its parameter sets).
 */
public final class MasterPlaylist {
  /** The TS variant's media playlist, beside the master playlist. */
  public static final String TS_MEDIA = "media.m3u8";

  private MasterPlaylist() {}

  /** The master playlist for {@code w} (which must be playable) and what is known of the streams. */
  public static String render(LiveWindow w, StreamDescription d) {
    long peak = 0;
    long bits = 0;
    long micros = 0;
    for (Segment s : w.segments()) {
      if (s.gap() || s.durationMicros() <= 0) {
        continue;
      }
      long bytes = s.data().length;
      peak = Math.max(peak, bytes * 8_000_000 / s.durationMicros());
      bits += bytes * 8;
      micros += s.durationMicros();
    }
    long average = micros == 0 ? peak : bits * 1_000_000 / micros;
    StringBuilder b = new StringBuilder(256);
    b.append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, peak)).append(",AVERAGE-BANDWIDTH=")
        .append(Math.max(1, average));
    if (d.codecs() != null) {
      b.append(",CODECS=\"").append(d.codecs()).append('"');
    }
    if (d.width() > 0 && d.height() > 0) {
      b.append(",RESOLUTION=").append(d.width()).append('x').append(d.height());
    }
    if (d.frameRate() > 0) {
      b.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", d.frameRate()));
    }
    b.append('\n').append(TS_MEDIA).append('\n');
    return b.toString();
  }
}
