package io.swarmtv.hls;

import java.util.Locale;

/**
 * Renders a channel's master playlist: one variant per segment format, each described from the
 * stream itself (bit rates measured over the live window, codecs, resolution and frame rate from
 * its parameter sets).
 */
public final class MasterPlaylist {
  private MasterPlaylist() {}

  /** The master playlist with the TS variant only. */
  public static String render(LiveWindow w, StreamDescription d) {
    return render(w, d, null);
  }

  /**
   * The master playlist for {@code w} (which must be playable) and what is known of the streams:
   * the TS variant, and the fMP4 one when {@code cmafCodecs} is known (its bit rates are the TS
   * figures, an upper bound: fMP4 carries the same media with less overhead).
   */
  public static String render(LiveWindow w, StreamDescription d, String cmafCodecs) {
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
    StringBuilder b = new StringBuilder(512);
    b.append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    variant(b, peak, average, d.codecs(), d, SegmentFormat.TS);
    if (cmafCodecs != null) {
      variant(b, peak, average, cmafCodecs, d, SegmentFormat.CMAF);
    }
    return b.toString();
  }

  private static void variant(StringBuilder b, long peak, long average, String codecs, StreamDescription d,
      SegmentFormat format) {
    b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, peak)).append(",AVERAGE-BANDWIDTH=")
        .append(Math.max(1, average));
    if (codecs != null) {
      b.append(",CODECS=\"").append(codecs).append('"');
    }
    if (d.width() > 0 && d.height() > 0) {
      b.append(",RESOLUTION=").append(d.width()).append('x').append(d.height());
    }
    if (d.frameRate() > 0) {
      b.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", d.frameRate()));
    }
    b.append('\n').append(format.playlist()).append('\n');
  }
}
