package io.swarmtv.hls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a segment ({@code RUN-MSN.ts}, {@code RUN-MSN.m4s}) or part
 * ({@code RUN-MSN.PART.ts}, {@code .m4s}) in a channel's HLS folder; anything else does not
 * parse, which also refuses every path trick. fMP4 init segments are {@code RUN-init-VERSION.mp4}.
 *
 * @param run the store's run token
 * @param msn the media sequence number
 * @param part the part index, or -1 for the whole segment
 * @param format which form of it
 */
public record SegmentName(String run, long msn, int part, SegmentFormat format) {
  private static final Pattern NAME =
      Pattern.compile("([0-9a-z]{1,16})-([0-9]{1,15})(?:\\.([0-9]{1,4}))?\\.(ts|m4s)");
  private static final Pattern INIT = Pattern.compile("([0-9a-z]{1,16})-init-([0-9]{1,9})\\.mp4");

  /** The name, or null when {@code text} is not a segment or part name. */
  public static SegmentName parse(String text) {
    Matcher m = NAME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return new SegmentName(m.group(1), Long.parseLong(m.group(2)),
        m.group(3) == null ? -1 : Integer.parseInt(m.group(3)),
        m.group(4).equals("ts") ? SegmentFormat.TS : SegmentFormat.CMAF);
  }

  /** The init version an init segment name of run {@code run} names, or -1. */
  public static int initVersion(String text, String run) {
    Matcher m = INIT.matcher(text);
    return m.matches() && m.group(1).equals(run) ? Integer.parseInt(m.group(2)) : -1;
  }

  /** The TS segment's name. */
  public static String segment(String run, long msn) {
    return segment(run, msn, SegmentFormat.TS);
  }

  /** The TS part's name. */
  public static String part(String run, long msn, long part) {
    return part(run, msn, part, SegmentFormat.TS);
  }

  public static String segment(String run, long msn, SegmentFormat format) {
    return run + "-" + msn + "." + format.extension();
  }

  public static String part(String run, long msn, long part, SegmentFormat format) {
    return run + "-" + msn + "." + part + "." + format.extension();
  }

  /** The name of init segment {@code version}. */
  public static String init(String run, int version) {
    return run + "-init-" + version + ".mp4";
  }
}
