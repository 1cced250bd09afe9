package io.swarmtv.ts;

import static io.swarmtv.ts.HandBuiltUnits.AVC_AUD;
import static io.swarmtv.ts.HandBuiltUnits.HEVC_AUD;
import static io.swarmtv.ts.NalWriter.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Garbage, truncation and hostile values: the inspector must answer, not throw or hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessUnitInspectorRobustnessTest {
  private static final List<StreamType> VIDEO = List.of(
      StreamType.H264, StreamType.H265, StreamType.MPEG2_VIDEO, StreamType.MPEG1_VIDEO);

  /** Inspects, and checks whatever came back is at least sane. */
  private static AccessUnitInfo check(StreamType type, byte[] es, int off, int len) {
    AccessUnitInfo info = AccessUnitInspector.inspect(type, es, off, len);
    assertNotNull(info);
    VideoFormat f = info.format();
    if (f != null) {
      assertEquals(type, f.type());
      assertTrue(f.width() > 0 && f.width() <= 32768, "width " + f.width());
      assertTrue(f.height() > 0 && f.height() <= 65536, "height " + f.height());
      assertTrue(Double.isFinite(f.frameRate()) && f.frameRate() >= 0, "rate " + f.frameRate());
      assertNotNull(f.codecs());
    }
    return info;
  }

  static Stream<Arguments> units() {
    return Stream.of(
        Arguments.of(StreamType.H264,
            HandBuiltUnits.avcUnit(HandBuiltUnits.avcHighInterlacedSps())),
        Arguments.of(StreamType.H264, HandBuiltUnits.avcUnit(HandBuiltUnits.avc444Sps())),
        Arguments.of(StreamType.H264, HandBuiltUnits.avcUnit(HandBuiltUnits.avcBaselineSps())),
        Arguments.of(StreamType.H265, HandBuiltUnits.hevcUnit(
            HandBuiltUnits.hevcMain10Vps(), HandBuiltUnits.hevcMain10Sps(), 19)),
        Arguments.of(StreamType.H265, HandBuiltUnits.hevcUnit(
            HandBuiltUnits.hevcMain10Vps(), HandBuiltUnits.hevc422Sps(), 21)),
        Arguments.of(StreamType.MPEG2_VIDEO, HandBuiltUnits.mpeg2Unit(1)));
  }

  /**
   * Cut at every length, both by len and by the array's end: the format is either absent or the
   * full one (its frame rate may be lost when only the VUI is cut), and only a unit that reaches
   * its picture is resolved.
   */
  @ParameterizedTest
  @MethodSource("units")
  void truncatedAtEveryLength(StreamType type, byte[] au) {
    AccessUnitInfo full = check(type, au, 0, au.length);
    assertTrue(full.resolved());
    VideoFormat f = full.format();
    assertNotNull(f);
    for (int cut = 0; cut < au.length; cut++) {
      for (AccessUnitInfo info : List.of(check(type, au, 0, cut),
          check(type, Arrays.copyOf(au, cut), 0, Integer.MAX_VALUE))) {
        VideoFormat g = info.format();
        if (g != null) {
          assertEquals(f, new VideoFormat(g.type(), g.width(), g.height(),
              g.frameRate() == 0 ? f.frameRate() : g.frameRate(), g.profile(), g.codecs()),
              "cut at " + cut);
        }
        if (info.resolved()) {
          assertEquals(full.randomAccess(), info.randomAccess(), "cut at " + cut);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void randomBytes(long seed) {
    Random rnd = new Random(seed);
    for (int round = 0; round < 50; round++) {
      byte[] b = new byte[rnd.nextInt(20_000)];
      rnd.nextBytes(b);
      for (StreamType type : VIDEO) {
        check(type, b, 0, b.length);
      }
    }
  }

  /**
   * Random bytes rarely hold a start code; these are sown with start codes and headers that send
   * every parser into its deepest paths with garbage behind them.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void randomBytesWithHeaders(long seed) {
    Random rnd = new Random(seed);
    int[][] headers = {
        {0x67}, {0x27}, {0x06}, {0x65}, {0x41}, {0x09}, // H.264 SPS, SEI, slices, AUD
        {0x42, 0x01}, {0x40, 0x01}, {0x26, 0x01}, {0x2A, 0x01}, {0x02, 0x01}, // H.265
        {0xB3}, {0xB5}, {0xB8}, {0x00}, {0x01}, // MPEG-2
    };
    for (int round = 0; round < 300; round++) {
      byte[] b = new byte[1 + rnd.nextInt(4000)];
      rnd.nextBytes(b);
      if (rnd.nextBoolean()) {
        // Mostly zero bits: Exp-Golomb codes become long and values huge.
        for (int i = 0; i < b.length; i++) {
          b[i] &= (byte) rnd.nextInt(256) & rnd.nextInt(256);
        }
      }
      int sown = 1 + rnd.nextInt(8);
      for (int k = 0; k < sown; k++) {
        int[] h = headers[rnd.nextInt(headers.length)];
        int at = rnd.nextInt(b.length);
        int[] code = {0, 0, 1};
        for (int i = 0; i < 3 + h.length && at + i < b.length; i++) {
          b[at + i] = (byte) (i < 3 ? code[i] : h[i - 3]);
        }
      }
      for (StreamType type : VIDEO) {
        check(type, b, 0, b.length);
        int off = rnd.nextInt(b.length);
        check(type, b, off, rnd.nextInt(b.length - off + 1));
      }
    }
  }

  /** Real parameter sets with bits flipped: the format, if any, stays sane. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void mutatedUnits(long seed) {
    Random rnd = new Random(seed);
    List<Arguments> units = units().toList();
    for (int round = 0; round < 2000; round++) {
      Object[] u = units.get(rnd.nextInt(units.size())).get();
      StreamType type = (StreamType) u[0];
      byte[] b = ((byte[]) u[1]).clone();
      int flips = 1 + rnd.nextInt(4);
      for (int k = 0; k < flips; k++) {
        b[4 + rnd.nextInt(b.length - 4)] ^= (byte) (1 << rnd.nextInt(8));
      }
      check(type, b, 0, b.length);
    }
  }

  @Test
  void emptyAndOutOfBounds() {
    byte[] au = HandBuiltUnits.avcUnit(HandBuiltUnits.avcBaselineSps());
    AccessUnitInfo nothing = new AccessUnitInfo(false, false, null);
    for (StreamType type : VIDEO) {
      assertEquals(nothing, check(type, new byte[0], 0, 0));
      assertEquals(nothing, check(type, null, 0, 10));
      assertEquals(nothing, check(type, au, 0, 0));
      assertEquals(nothing, check(type, au, -1, 10));
      assertEquals(nothing, check(type, au, 0, -1));
      assertEquals(nothing, check(type, au, au.length, 1));
      assertEquals(nothing, check(type, au, Integer.MAX_VALUE, Integer.MAX_VALUE));
      assertEquals(nothing, check(type, au, Integer.MIN_VALUE, 5));
      check(type, au, 1, Integer.MAX_VALUE); // off + len overflows: clamped to the array
      check(type, au, au.length - 1, 1);
    }
    // Clamped to the array, a whole unit still reads in full.
    assertTrue(check(StreamType.H264, au, 0, Integer.MAX_VALUE).resolved());
  }

  @Test
  void degenerateBuffers() {
    byte[] zeros = new byte[64 * 1024];
    byte[] ones = new byte[64 * 1024];
    Arrays.fill(ones, (byte) 0xFF);
    byte[] startCodes = new byte[3 * 20_000];
    byte[] emptySps = new byte[4 * 20_000];
    byte[] emptyHevcSps = new byte[5 * 20_000];
    for (int i = 0; i < 20_000; i++) {
      startCodes[3 * i + 2] = 1;
      emptySps[4 * i + 2] = 1;
      emptySps[4 * i + 3] = 0x67;
      emptyHevcSps[5 * i + 2] = 1;
      emptyHevcSps[5 * i + 3] = 0x42;
      emptyHevcSps[5 * i + 4] = 0x01;
    }
    for (StreamType type : VIDEO) {
      for (byte[] b : List.of(zeros, ones, startCodes, emptySps, emptyHevcSps)) {
        AccessUnitInfo info = check(type, b, 0, b.length);
        assertNull(info.format());
      }
    }
    // 00 00 01 00 is an MPEG picture start code whose coding type is missing or zero.
    assertFalse(check(StreamType.MPEG2_VIDEO, startCodes, 0, startCodes.length).randomAccess());
  }

  @Test
  void hugeExpGolombValues() {
    // sps_id with 40 leading zeros: longer than any code may be
    byte[] tooLong = new NalWriter().bytes(100, 0, 40).u(40, 0).u(8, 0xFF).nal(0x67);
    assertNull(check(StreamType.H264, tooLong, 0, tooLong.length).format());

    // the largest code that fits, as the width
    byte[] wide = new NalWriter().bytes(66, 0, 30).ue(0).ue(0).ue(2).ue(1).flag(false)
        .ue(0xFFFF_FFFEL).ue(10).flag(true).flag(true).flag(false).flag(false).nal(0x67);
    assertNull(check(StreamType.H264, wide, 0, wide.length).format());

    // a POC cycle of two billion entries, each of which would be read
    byte[] cycle = new NalWriter().bytes(66, 0, 30).ue(0).ue(0).ue(1).flag(false).se(0).se(0)
        .ue(2_000_000_000L).nal(0x67);
    assertNull(check(StreamType.H264, cycle, 0, cycle.length).format());

    // cropping more than the picture
    byte[] overCropped = new NalWriter().bytes(66, 0, 30).ue(0).ue(0).ue(2).ue(1).flag(false)
        .ue(10).ue(8).flag(true).flag(true).flag(true).ue(50).ue(50).ue(0).ue(0).flag(false)
        .nal(0x67);
    assertNull(check(StreamType.H264, overCropped, 0, overCropped.length).format());

    // an SEI whose payload type and size run on in 0xFF bytes past the end
    NalWriter sei = new NalWriter();
    for (int i = 0; i < 5000; i++) {
      sei.u(8, 0xFF);
    }
    byte[] endlessSei = join(AVC_AUD, sei.nal(0x06), HandBuiltUnits.avcSlice());
    assertEquals(new AccessUnitInfo(true, false, null),
        check(StreamType.H264, endlessSei, 0, endlessSei.length));
    NalWriter bigPayload = new NalWriter().u(8, 1);
    for (int i = 0; i < 1000; i++) {
      bigPayload.u(8, 0xFF);
    }
    bigPayload.u(8, 3);
    byte[] overlongSei = join(AVC_AUD, bigPayload.nal(0x06), HandBuiltUnits.avcSlice());
    assertFalse(check(StreamType.H264, overlongSei, 0, overlongSei.length).randomAccess());

    // HEVC: a width past any level, and four billion short-term RPS after a good size
    byte[] hevcWide = new NalWriter().u(4, 0).u(3, 0).flag(true).u(2, 0).flag(false).u(5, 1)
        .u(32, 0x60000000L).u(48, 0).u(8, 93).ue(0).ue(1).ue(0xFFFF_FFFEL).ue(720).flag(false)
        .nal(0x42, 0x01);
    assertNull(check(StreamType.H265, join(HEVC_AUD, hevcWide), 0, hevcWide.length + 7)
        .format());
    byte[] hevcRps = new NalWriter().u(4, 0).u(3, 0).flag(true).u(2, 0).flag(false).u(5, 1)
        .u(32, 0x60000000L).u(48, 0).u(8, 93).ue(0).ue(1).ue(1280).ue(720).flag(false)
        .ue(0).ue(0).ue(4).flag(false).ue(1).ue(0).ue(0).ue(0).ue(3).ue(0).ue(3).ue(1).ue(1)
        .flag(false).flag(false).flag(true).flag(false).ue(4_000_000_000L).nal(0x42, 0x01);
    assertEquals(new VideoFormat(StreamType.H265, 1280, 720, 0, "Main", "hvc1.1.6.L93.0"),
        check(StreamType.H265, hevcRps, 0, hevcRps.length).format());
  }

  /** The skipping start-code scan against the obvious one. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8})
  void startCodeScanFindsEveryStartCode(long seed) {
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      byte[] b = new byte[rnd.nextInt(300)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(3)); // 0, 1, 2 mostly
      }
      int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
      int end = from + rnd.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i + 2 < end; i++) {
        if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, AccessUnitInspector.nextStartCode(b, from, end),
          Arrays.toString(b) + " from " + from + " to " + end);
    }
  }
}
