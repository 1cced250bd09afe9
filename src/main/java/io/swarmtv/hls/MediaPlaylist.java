package io.swarmtv.hls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a live media playlist (RFC 8216 with the LL-HLS additions of RFC 8216bis) from a
 * {@link LiveWindow}: a pure function, so the same window always gives the same text.
 *
 * <p>Players without LL-HLS ignore the part, preload-hint and server-control tags and see an
 * ordinary sliding-window live playlist.
 */
public final class MediaPlaylist {
  /** Parts are listed for segments that end within this many target durations of the live edge. */
  static final int PART_SEGMENTS_TARGETS = 3;
  /** A delta update may skip segments older than this many target durations (the minimum allowed). */
  static final int SKIP_TARGETS = 6;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MediaPlaylist() {}

  /** The TS playlist of {@code w}; {@code skip} makes it a delta update. {@code w} must be playable. */
  public static String render(LiveWindow w, boolean skip) {
    return render(w, skip, SegmentFormat.TS);
  }

  /**
   * The playlist of {@code w} in {@code format}. In the fMP4 form, an {@code EXT-X-MAP} comes
   * before the first segment and wherever the init segment changes, and a segment the remuxer
   * could not give (before its first init, a stream it cannot carry) is a gap.
   */
  public static String render(LiveWindow w, boolean skip, SegmentFormat format) {
    List<Segment> segments = w.segments();
    long target = Math.max(1, w.targetSeconds());
    long partTarget = w.partTargetMillis();
    long skipUntilMillis = SKIP_TARGETS * target * 1000;
    long totalMillis = segments.stream().mapToLong(Segment::durationMillis).sum();
    int skipped = 0;
    if (skip) {
      long age = totalMillis;
      for (Segment s : segments) {
        if (age - s.durationMillis() < skipUntilMillis) {
          break;
        }
        age -= s.durationMillis();
        skipped++;
      }
      skipped = Math.min(skipped, segments.size() - 1);
    }
    Segment first = segments.get(0);
    StringBuilder b = new StringBuilder(256 + segments.size() * 160);
    b.append("#EXTM3U\n");
    b.append("#EXT-X-VERSION:").append(skip ? 9 : 6).append('\n');
    b.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
    b.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=").append(seconds(skipUntilMillis))
        .append(",PART-HOLD-BACK=").append(seconds(3 * partTarget)).append('\n');
    b.append("#EXT-X-PART-INF:PART-TARGET=").append(seconds(partTarget)).append('\n');
    b.append("#EXT-X-MEDIA-SEQUENCE:").append(first.msn()).append('\n');
    b.append("#EXT-X-DISCONTINUITY-SEQUENCE:")
        .append(first.discontinuitySequence() - (first.discontinuity() ? 1 : 0)).append('\n');
    b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    if (skipped > 0) {
      b.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
    }
    long partsFromMillis = totalMillis + (w.open() == null ? 0 : w.open().durationMillis())
        - PART_SEGMENTS_TARGETS * target * 1000;
    boolean cmaf = format == SegmentFormat.CMAF;
    int[] map = {-1};
    long at = 0;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      long end = at + s.durationMillis();
      if (i >= skipped) {
        boolean gap = s.gap() || cmaf && !s.hasCmaf();
        if (s.discontinuity()) {
          b.append("#EXT-X-DISCONTINUITY\n");
        }
        if (cmaf && !gap) {
          map(b, w.run(), s.parts().get(0).cmaf().initVersion(), map);
        }
        b.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE.format(Instant.ofEpochSecond(0, s.programDateMicros() * 1000)))
            .append('\n');
        if (!gap && end > partsFromMillis) {
          parts(b, w.run(), s, format, map);
        }
        if (gap) {
          b.append("#EXT-X-GAP\n");
        }
        b.append("#EXTINF:").append(seconds(s.durationMillis())).append(",\n");
        b.append(SegmentName.segment(w.run(), s.msn(), format)).append('\n');
      }
      at = end;
    }
    Segment open = w.open();
    if (open != null && !open.parts().isEmpty()) {
      if (open.discontinuity()) {
        b.append("#EXT-X-DISCONTINUITY\n");
      }
      b.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE.format(Instant.ofEpochSecond(0, open.programDateMicros() * 1000)))
          .append('\n');
      parts(b, w.run(), open, format, map);
    }
    b.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"")
        .append(SegmentName.part(w.run(), w.nextMsn(), w.openParts(), format)).append("\"\n");
    return b.toString();
  }

  /** An EXT-X-MAP for init {@code version} unless the last one written names it already. */
  private static void map(StringBuilder b, String run, int version, int[] last) {
    if (last[0] != version) {
      b.append("#EXT-X-MAP:URI=\"").append(SegmentName.init(run, version)).append("\"\n");
      last[0] = version;
    }
  }

  private static void parts(StringBuilder b, String run, Segment s, SegmentFormat format, int[] map) {
    List<Part> parts = s.parts();
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      boolean missing = format == SegmentFormat.CMAF && p.cmaf() == null;
      if (format == SegmentFormat.CMAF && !missing) {
        map(b, run, p.cmaf().initVersion(), map);
      }
      b.append("#EXT-X-PART:DURATION=").append(seconds(p.durationMillis())).append(",URI=\"")
          .append(SegmentName.part(run, s.msn(), i, format)).append('"');
      if (p.independent()) {
        b.append(",INDEPENDENT=YES");
      }
      if (missing) {
        b.append(",GAP=YES");
      }
      b.append('\n');
    }
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }
}
