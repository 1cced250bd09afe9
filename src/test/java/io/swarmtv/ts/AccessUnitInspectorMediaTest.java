package io.swarmtv.ts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.swarmtv.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the inspector against ffmpeg-encoded elementary streams, with ffprobe as the oracle:
 * its packet flags (decode order) for keyframes, its stream info for the format, and the avcC /
 * hvcC that ffmpeg writes into MP4 for the codecs string.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccessUnitInspectorMediaTest {
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
  private static final int BOUND = 16 * 1024;

  @TempDir Path dir;

  /**
   * One generated stream.
   *
   * @param codecs the expected codecs string when ffmpeg's MP4 muxer cannot tell it (MPEG video);
   *     null to read it from the MP4 sample entry
   */
  record Clip(String name, StreamType type, String size, String rate, String seconds,
      List<String> encoder, String codecs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Clip> clips() {
    return Stream.of(
        // 360 is not a multiple of 16: the SPS crops 368 lines.
        new Clip("h264 640x360 25 High, AUD", StreamType.H264, "640x360", "25", "2",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "12", "-bf", "2",
                "-x264-params", "aud=1", "-f", "h264"), null),
        new Clip("h264 854x480 29.97 Constrained Baseline", StreamType.H264, "854x480",
            "30000/1001", "1",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "baseline",
                "-g", "10", "-f", "h264"), null),
        // Non-IDR I frames that are only marked by a recovery point SEI.
        new Clip("h264 1920x1080 60 open GOP", StreamType.H264, "1920x1080", "60", "1",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "24", "-bf", "2",
                "-x264-params", "open-gop=1:aud=1", "-f", "h264"), null),
        new Clip("h264 640x360 25 intra refresh", StreamType.H264, "640x360", "25", "2",
            List.of("-c:v", "libx264", "-preset", "veryfast",
                "-x264-params", "intra-refresh=1:keyint=12", "-f", "h264"), null),
        // Field coding: frame_mbs_only_flag 0, so heights and crops count in field pairs.
        new Clip("h264 1920x1080i 25 interlaced", StreamType.H264, "1920x1080", "25", "0.4",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "5",
                "-flags", "+ildct+ilme", "-x264-params", "tff=1", "-f", "h264"), null),
        new Clip("h264 640x360 4:2:2 scaling matrices", StreamType.H264, "640x360", "50",
            "0.5",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv422p", "-g", "8",
                "-x264-params", "cqm=jvt", "-f", "h264"), null),
        new Clip("h264 426x240 4:4:4 10-bit scaling matrices", StreamType.H264, "426x240",
            "24000/1001", "0.5",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv444p10le",
                "-g", "6", "-x264-params", "cqm=jvt:aud=1", "-f", "h264"), null),
        // h264_metadata rewrites the SPS: larger crops, an extended SAR and every optional VUI
        // field before the timing, and a tick rate that is not the encoder's.
        new Clip("h264 640x360 rewritten VUI and crop", StreamType.H264, "640x360", "25", "1",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "10", "-bsf:v",
                "h264_metadata=crop_right=32:crop_top=8:crop_bottom=16:sample_aspect_ratio=13/11"
                    + ":overscan_appropriate_flag=1:video_format=2:colour_primaries=1"
                    + ":transfer_characteristics=1:matrix_coefficients=1"
                    + ":chroma_sample_loc_type=1:tick_rate=60000/1001",
                "-f", "h264"), null),
        new Clip("h264 320x240 10-bit", StreamType.H264, "320x240", "30", "0.5",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p10le",
                "-g", "6", "-f", "h264"), null),

        new Clip("h265 640x360 25 Main, AUD", StreamType.H265, "640x360", "25", "1.5",
            List.of("-c:v", "libx265", "-preset", "ultrafast",
                "-x265-params", "keyint=12:log-level=error:aud=1", "-f", "hevc"), null),
        // 854 is not a multiple of 8: the conformance window crops it.
        new Clip("h265 854x480 29.97 B-frames", StreamType.H265, "854x480", "30000/1001", "1",
            List.of("-c:v", "libx265", "-preset", "fast", "-x265-params",
                "keyint=10:bframes=3:log-level=error", "-f", "hevc"), null),
        new Clip("h265 1920x1080 60 Main 10", StreamType.H265, "1920x1080", "60", "0.25",
            List.of("-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le",
                "-x265-params", "keyint=5:log-level=error:aud=1", "-f", "hevc"), null),
        // Sub-layers in profile_tier_level and scaling lists before the VUI.
        new Clip("h265 480x270 50 temporal layers, scaling lists", StreamType.H265, "480x270",
            "50", "0.5",
            List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                "keyint=8:bframes=3:temporal-layers=1:scaling-list=default:log-level=error",
                "-f", "hevc"), null),
        new Clip("h265 322x242 4:4:4 Rext", StreamType.H265, "322x242", "25", "0.4",
            List.of("-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv444p",
                "-x265-params", "keyint=4:log-level=error", "-f", "hevc"), null),

        new Clip("h265 640x360 rewritten VUI and crop", StreamType.H265, "640x360", "25", "1",
            List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                "keyint=10:log-level=error", "-bsf:v",
                "hevc_metadata=crop_left=64:crop_right=32:crop_top=8:crop_bottom=16"
                    + ":sample_aspect_ratio=13/11:video_format=2:colour_primaries=1"
                    + ":transfer_characteristics=1:matrix_coefficients=1"
                    + ":chroma_sample_loc_type=1:tick_rate=24000/1001",
                "-f", "hevc"), null),

        new Clip("mpeg2 720x576 25 Main", StreamType.MPEG2_VIDEO, "720x576", "25", "1",
            List.of("-c:v", "mpeg2video", "-g", "12", "-bf", "2", "-f", "mpeg2video"),
            "mp4v.61"),
        new Clip("mpeg2 1920x1080 29.97", StreamType.MPEG2_VIDEO, "1920x1080", "30000/1001",
            "0.4", List.of("-c:v", "mpeg2video", "-g", "6", "-bf", "2", "-f", "mpeg2video"),
            "mp4v.61"),
        // 15 fps is frame_rate_code 30 scaled by the extension's n/d; 4608 needs size_extension.
        new Clip("mpeg2 4608x144 15 size and rate extensions", StreamType.MPEG2_VIDEO,
            "4608x144", "15", "0.5",
            List.of("-c:v", "mpeg2video", "-g", "4", "-f", "mpeg2video"), "mp4v.61"),
        new Clip("mpeg2 720x576 4:2:2", StreamType.MPEG2_VIDEO, "720x576", "25", "0.5",
            List.of("-c:v", "mpeg2video", "-pix_fmt", "yuv422p", "-g", "6", "-f",
                "mpeg2video"), "mp4v.65"),
        new Clip("mpeg1 352x288 25", StreamType.MPEG1_VIDEO, "352x288", "25", "1",
            List.of("-c:v", "mpeg1video", "-g", "9", "-bf", "2", "-f", "mpeg1video"),
            "mp4v.6A"));
  }

  @BeforeAll
  static void tools() {
    RealTools.require("ffmpeg");
    RealTools.require("ffprobe");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void agreesWithFfprobe(Clip clip) throws IOException {
    Path es = dir.resolve("clip.es");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=" + clip.size() + ":rate=" + clip.rate(),
        "-t", clip.seconds()));
    cmd.addAll(clip.encoder());
    cmd.add(es.toString());
    RealTools.run(TOOL_TIMEOUT, cmd.toArray(String[]::new));
    byte[] bytes = Files.readAllBytes(es);

    List<Unit> units = split(clip.type(), bytes);
    List<Boolean> keyframes = ffprobeKeyframes(es);
    assertEquals(keyframes.size(), units.size(), "access units vs ffprobe packets");
    assertTrue(keyframes.stream().filter(k -> k).count() >= 2,
        "clip should have several keyframes to be a useful test: " + keyframes);

    VideoFormat format = null;
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      String where = "access unit " + i + " at " + u.start();
      AccessUnitInfo info = AccessUnitInspector.inspect(clip.type(), bytes, u.start(), u.length());
      assertTrue(info.resolved(), where);
      assertEquals(keyframes.get(i), info.randomAccess(), where + " random access");
      assertEquals(u.hasSequenceHeader(), info.format() != null, where + " format");
      if (info.format() != null) {
        if (format == null) {
          format = info.format();
        } else {
          assertEquals(format, info.format(), where);
        }
      }
      // Same answer from the head only, and from a copy at offset 0.
      assertEquals(info, AccessUnitInspector.inspect(
          clip.type(), bytes, u.start(), Math.min(u.length(), BOUND)), where + " bounded");
      byte[] copy = Arrays.copyOfRange(bytes, u.start(), u.start() + u.length());
      assertEquals(info, AccessUnitInspector.inspect(clip.type(), copy, 0, copy.length), where);
      // Cut just before the first picture: the picture is still in the array right after the
      // bound, so reading past len would show here.
      AccessUnitInfo cut = AccessUnitInspector.inspect(
          clip.type(), bytes, u.start(), u.firstPicture() - u.start());
      assertFalse(cut.resolved(), where + " cut before its picture");
      assertEquals(info.format(), cut.format(), where + " cut before its picture");
    }
    assertTrue(units.get(0).hasSequenceHeader(), "stream should start with a sequence header");
    assertNotNull(format, "no sequence header found");

    Map<String, String> stream = ffprobeStream(es);
    assertEquals(clip.type(), format.type());
    assertEquals(Integer.parseInt(stream.get("width")), format.width(), "width");
    assertEquals(Integer.parseInt(stream.get("height")), format.height(), "height");
    assertEquals(rate(stream.get("r_frame_rate")), format.frameRate(), 1e-9, "frame rate");
    String profile = stream.get("profile");
    assertEquals("unknown".equals(profile) ? null : profile, format.profile(), "profile");
    String codecs = clip.codecs() != null ? clip.codecs() : codecsFromMp4(clip.type(), es);
    assertEquals(codecs, format.codecs(), "codecs");
    if (clip.type() == StreamType.H264) {
      // The level ffprobe reports is level_idc.
      assertTrue(format.codecs().endsWith(
          String.format(Locale.ROOT, "%02x", Integer.parseInt(stream.get("level")))));
    }
  }

  /** Codecs strings worked out by hand, in case the MP4 oracle and the parser agree wrongly. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("knownCodecs")
  void knownCodecsStrings(String codec, String params, String expected) throws IOException {
    Path es = dir.resolve("known.es");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", "0.2"));
    cmd.addAll(List.of(params.split(" ")));
    cmd.add(es.toString());
    RealTools.run(TOOL_TIMEOUT, cmd.toArray(String[]::new));
    byte[] bytes = Files.readAllBytes(es);
    StreamType type = codec.equals("h264") ? StreamType.H264 : StreamType.H265;
    AccessUnitInfo info = AccessUnitInspector.inspect(type, bytes, 0, bytes.length);
    assertNotNull(info.format());
    assertEquals(expected, info.format().codecs());
  }

  static Stream<Arguments> knownCodecs() {
    return Stream.of(
        // High (0x64), no constraint flags, level 3.0 (0x1e)
        Arguments.of("h264",
            "-c:v libx264 -preset veryfast -f h264", "avc1.64001e"),
        // Constrained Baseline: constraint_set0 and set1 (0xc0)
        Arguments.of("h264",
            "-c:v libx264 -preset veryfast -profile:v baseline -level:v 3.1 -f h264",
            "avc1.42c01f"),
        // Main compatible with Main and Main 10 (bits 1, 2: 0x6), Main tier level 2.1 (63),
        // progressive source and frame only (0x90)
        Arguments.of("h265",
            "-c:v libx265 -preset ultrafast -x265-params log-level=error -f hevc",
            "hvc1.1.6.L63.90"),
        // Main 10 is compatible with Main 10 only (bit 2: 0x4)
        Arguments.of("h265",
            "-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le -x265-params log-level=error "
                + "-f hevc", "hvc1.2.4.L63.90"));
  }

  // ---------------------------------------------------------------------------------------
  // Splitting an elementary stream into access units, the way ffmpeg's parsers do.

  /** An access unit: where it and its first picture start, whether it has a sequence header. */
  record Unit(int start, int length, int firstPicture, boolean hasSequenceHeader) {}

  private static List<Unit> split(StreamType type, byte[] b) {
    List<int[]> nals = new ArrayList<>(); // {start code index, header index}
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        nals.add(new int[] {i > 0 && b[i - 1] == 0 ? i - 1 : i, i + 3});
        i += 2;
      }
    }
    List<Unit> units = new ArrayList<>();
    int start = 0;
    int firstPicture = -1;
    boolean header = false;
    for (int[] nal : nals) {
      int h = nal[1];
      boolean picture;
      boolean startsUnit; // when it follows a picture of the current unit
      boolean sequenceHeader;
      switch (type) {
        case H264: {
          int t = b[h] & 0x1F;
          picture = t >= 1 && t <= 5;
          // first_mb_in_slice == 0 starts with a 1 bit
          startsUnit = picture ? (b[h + 1] & 0x80) != 0 : (t >= 6 && t <= 9) || t == 14 || t == 15;
          sequenceHeader = t == 7;
          break;
        }
        case H265: {
          int t = (b[h] >> 1) & 0x3F;
          picture = t <= 31;
          // first_slice_segment_in_pic_flag
          startsUnit = picture ? (b[h + 2] & 0x80) != 0
              : (t >= 32 && t <= 35) || t == 39 || (t >= 41 && t <= 44);
          sequenceHeader = t == 33;
          break;
        }
        default: {
          int code = b[h] & 0xFF;
          picture = code == 0x00;
          startsUnit = code == 0x00 || code == 0xB3 || code == 0xB8;
          sequenceHeader = code == 0xB3;
          break;
        }
      }
      if (firstPicture >= 0 && startsUnit) {
        units.add(new Unit(start, nal[0] - start, firstPicture, header));
        start = nal[0];
        firstPicture = -1;
        header = false;
      }
      if (picture && firstPicture < 0) {
        firstPicture = nal[0];
      }
      header |= sequenceHeader;
    }
    if (firstPicture >= 0) {
      units.add(new Unit(start, b.length - start, firstPicture, header));
    }
    return units;
  }

  // ---------------------------------------------------------------------------------------
  // Oracles

  /** Keyframe flags of the packets, in decode order. */
  private static List<Boolean> ffprobeKeyframes(Path es) {
    String out = RealTools.run(TOOL_TIMEOUT, "ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_packets", "-show_entries", "packet=flags", "-of", "csv=p=0", es.toString()).stdout();
    List<Boolean> keys = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        keys.add(line.contains("K"));
      }
    }
    return keys;
  }

  private static Map<String, String> ffprobeStream(Path es) {
    String out = RealTools.run(TOOL_TIMEOUT, "ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=width,height,r_frame_rate,profile,level",
        "-of", "default=nw=1", es.toString()).stdout();
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return m;
  }

  private static double rate(String fraction) {
    int slash = fraction.indexOf('/');
    return slash < 0 ? Double.parseDouble(fraction)
        : Double.parseDouble(fraction.substring(0, slash))
            / Double.parseDouble(fraction.substring(slash + 1));
  }

  /**
   * The codecs string built, per ISO/IEC 14496-15 Annex E, from the avcC or hvcC ffmpeg writes
   * when it remuxes the stream to MP4: ffmpeg derives those from the parameter sets itself.
   */
  private String codecsFromMp4(StreamType type, Path es) throws IOException {
    Path mp4 = dir.resolve("clip.mp4");
    RealTools.run(TOOL_TIMEOUT, "ffmpeg", "-v", "error", "-nostdin", "-y", "-i", es.toString(),
        "-c", "copy", "-movflags", "+faststart",
        "-tag:v", type == StreamType.H264 ? "avc1" : "hvc1", mp4.toString());
    byte[] m = Files.readAllBytes(mp4);
    String box = type == StreamType.H264 ? "avcC" : "hvcC";
    int at = indexOf(m, box.getBytes(StandardCharsets.US_ASCII));
    if (at < 0) {
      return fail("no " + box + " box in the remuxed MP4");
    }
    int p = at + 4; // configurationVersion
    if (type == StreamType.H264) {
      return String.format(Locale.ROOT, "avc1.%02x%02x%02x",
          m[p + 1] & 0xFF, m[p + 2] & 0xFF, m[p + 3] & 0xFF);
    }
    int ptl = m[p + 1] & 0xFF;
    long compat = 0;
    for (int i = 0; i < 4; i++) {
      compat = (compat << 8) | (m[p + 2 + i] & 0xFF);
    }
    StringBuilder s = new StringBuilder("hvc1.");
    if ((ptl >> 6) != 0) {
      s.append((char) ('A' + (ptl >> 6) - 1));
    }
    s.append(ptl & 0x1F).append('.')
        .append(Long.toHexString(Long.reverse(compat) >>> 32).toUpperCase(Locale.ROOT))
        .append('.').append((ptl & 0x20) != 0 ? 'H' : 'L').append(m[p + 12] & 0xFF);
    int last = 5;
    while (last > 0 && m[p + 6 + last] == 0) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      s.append('.').append(Integer.toHexString(m[p + 6 + i] & 0xFF).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
