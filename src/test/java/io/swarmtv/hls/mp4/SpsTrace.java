package io.swarmtv.hls.mp4;

import io.swarmtv.testing.RealTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax elements of a file's first video parameter sets as ffmpeg's {@code trace_headers}
 * bitstream filter decodes them: an independent reading of profile, constraint flags and level.
 */
record SpsTrace(Map<String, Long> fields) {
  private static final Pattern LINE = Pattern.compile("\\]\\s+\\d+\\s+(\\S+)\\s+[01]+ = (-?\\d+)$");

  static SpsTrace of(Path file) {
    RealTools.ProcessResult r = RealTools.run(Duration.ofMinutes(1), "ffmpeg", "-hide_banner", "-i",
        file.toString(), "-map", "0:v:0", "-c", "copy", "-bsf:v", "trace_headers", "-frames:v", "1",
        "-f", "null", "-");
    Map<String, Long> fields = new HashMap<>();
    boolean inSps = false;
    for (String line : r.stderr().split("\n")) {
      if (line.contains("Sequence Parameter Set")) {
        inSps = true;
      } else if (line.contains("Parameter Set") || line.contains("Slice") || line.contains("Access Unit")) {
        inSps = false;
      }
      Matcher m = LINE.matcher(line.strip());
      if (inSps && m.find()) {
        fields.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    if (fields.isEmpty()) {
      throw new AssertionError("trace_headers showed no SPS for " + file + ":\n" + r.stderr());
    }
    return new SpsTrace(fields);
  }

  long get(String name) {
    Long v = fields.get(name);
    if (v == null) {
      throw new AssertionError("trace_headers has no " + name + " in " + fields.keySet());
    }
    return v;
  }

  /** RFC 6381 for H.264: profile_idc, the constraint flags byte, level_idc. */
  String avcCodecs() {
    int constraints = 0;
    for (int i = 0; i <= 5; i++) {
      constraints |= (int) get("constraint_set" + i + "_flag") << (7 - i);
    }
    return String.format("avc1.%02x%02x%02x", get("profile_idc"), constraints, get("level_idc"));
  }

  /**
   * ISO/IEC 14496-15 E.3 for H.265: profile, compatibility flags in reverse bit order, tier and
   * level, then the constraint bytes; the four source flags fill the first, and the 44 bits
   * after them are zero in the Main profiles.
   */
  String hevcCodecs() {
    long compatibility = 0;
    for (int j = 0; j < 32; j++) {
      compatibility |= get("general_profile_compatibility_flag[" + j + "]") << j;
    }
    int first = (int) (get("general_progressive_source_flag") << 7 | get("general_interlaced_source_flag") << 6
        | get("general_non_packed_constraint_flag") << 5 | get("general_frame_only_constraint_flag") << 4);
    return "hvc1." + get("general_profile_idc") + "." + Long.toHexString(compatibility).toUpperCase()
        + "." + (get("general_tier_flag") == 1 ? "H" : "L") + get("general_level_idc")
        + "." + Integer.toHexString(first).toUpperCase();
  }
}
