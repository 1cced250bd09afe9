package io.swarmtv.hls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a segment ({@code RUN-MSN.ts}) or part ({@code RUN-MSN.PART.ts}) in a
 * channel's HLS folder; anything else does not parse, which also refuses every path trick.
 *
 * @param run the store's run token
 * @param msn the media sequence number
 * @param part the part index, or -1 for the whole segment
 */
public record SegmentName(String run, long msn, int part) {
  private static final Pattern NAME = Pattern.compile("([0-9a-z]{1,16})-([0-9]{1,15})(?:\\.([0-9]{1,4}))?\\.ts");

  /** The name, or null when {@code text} is not a segment or part name. */
  public static SegmentName parse(String text) {
    Matcher m = NAME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return new SegmentName(m.group(1), Long.parseLong(m.group(2)), m.group(3) == null ? -1 : Integer.parseInt(m.group(3)));
  }

  /** The segment's name. */
  public static String segment(String run, long msn) {
    return run + "-" + msn + ".ts";
  }

  /** The part's name. */
  public static String part(String run, long msn, long part) {
    return run + "-" + msn + "." + part + ".ts";
  }
}
