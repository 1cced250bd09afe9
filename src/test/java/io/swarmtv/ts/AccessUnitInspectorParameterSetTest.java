package io.swarmtv.ts;

import static io.swarmtv.ts.HandBuiltUnits.AVC_AUD;
import static io.swarmtv.ts.HandBuiltUnits.AVC_PPS;
import static io.swarmtv.ts.HandBuiltUnits.HEVC_AUD;
import static io.swarmtv.ts.HandBuiltUnits.HEVC_PPS;
import static io.swarmtv.ts.NalWriter.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Parameter-set syntax that real encoders at hand never write, checked on hand-built units whose
 * bit layout ffmpeg's own header parser (trace_headers) reads the same way.
 */
class AccessUnitInspectorParameterSetTest {

  private static AccessUnitInfo inspect(StreamType type, byte[] au) {
    return AccessUnitInspector.inspect(type, au, 0, au.length);
  }

  @Test
  void h264HighInterlacedWithScalingListsAndPocType1() {
    AccessUnitInfo info = inspect(StreamType.H264,
        HandBuiltUnits.avcUnit(HandBuiltUnits.avcHighInterlacedSps()));
    assertEquals(new AccessUnitInfo(true, true, new VideoFormat(
        StreamType.H264, 1920, 1080, 30000 / 1001.0, "High", "avc1.640028")), info);
  }

  @Test
  void h264SeparateColourPlanesCropInSingleSamples() {
    AccessUnitInfo info = inspect(StreamType.H264,
        HandBuiltUnits.avcUnit(HandBuiltUnits.avc444Sps()));
    assertEquals(new VideoFormat(
        StreamType.H264, 636, 362, 25, "High 4:4:4 Intra", "avc1.f4101f"), info.format());
  }

  @Test
  void h264WithoutVuiHasNoFrameRate() {
    AccessUnitInfo info = inspect(StreamType.H264,
        HandBuiltUnits.avcUnit(HandBuiltUnits.avcBaselineSps()));
    assertEquals(new VideoFormat(
        StreamType.H264, 176, 144, 0, "Constrained Baseline", "avc1.42e00a"), info.format());
  }

  @Test
  void h264RecoveryPointBeforeTheFirstSliceMakesANonIdrPictureRandomAccess() {
    byte[] withRecovery = join(AVC_AUD, HandBuiltUnits.avcSei(true), HandBuiltUnits.avcSlice());
    assertEquals(new AccessUnitInfo(true, true, null), inspect(StreamType.H264, withRecovery));

    byte[] without = join(AVC_AUD, HandBuiltUnits.avcSei(false), HandBuiltUnits.avcSlice());
    assertEquals(new AccessUnitInfo(true, false, null), inspect(StreamType.H264, without));

    // After the first slice it describes a later picture, not this one.
    byte[] late = join(AVC_AUD, HandBuiltUnits.avcSlice(), HandBuiltUnits.avcSei(true));
    assertEquals(new AccessUnitInfo(true, false, null), inspect(StreamType.H264, late));
  }

  @Test
  void h264UnresolvedWithoutASlice() {
    byte[] headersOnly = join(AVC_AUD, HandBuiltUnits.avcBaselineSps(), AVC_PPS);
    AccessUnitInfo info = inspect(StreamType.H264, headersOnly);
    assertFalse(info.resolved());
    assertEquals(176, info.format().width());
  }

  @Test
  void h265Main10WithSubLayersScalingListsPredictedRpsAndVui() {
    AccessUnitInfo info = inspect(StreamType.H265, HandBuiltUnits.hevcUnit(
        HandBuiltUnits.hevcMain10Vps(), HandBuiltUnits.hevcMain10Sps(), 19));
    assertEquals(new AccessUnitInfo(true, true, new VideoFormat(
        StreamType.H265, 1920, 1080, 60000 / 1001.0, "Main 10", "hvc1.2.4.H123.B0")), info);
  }

  @Test
  void h265Rext422WithProfileSpace() {
    AccessUnitInfo info = inspect(StreamType.H265, HandBuiltUnits.hevcUnit(
        HandBuiltUnits.hevcMain10Vps(), HandBuiltUnits.hevc422Sps(), 21));
    assertEquals(new AccessUnitInfo(true, true, new VideoFormat(
        StreamType.H265, 1276, 719, 50, "Rext", "hvc1.A4.10.L93.98.8")), info);
  }

  @Test
  void h265RandomAccessOnlyForIrapPictures() {
    for (int type = 0; type <= 31; type++) {
      byte[] au = join(HEVC_AUD, HEVC_PPS, HandBuiltUnits.hevcSlice(type));
      AccessUnitInfo info = inspect(StreamType.H265, au);
      assertTrue(info.resolved(), "type " + type);
      assertEquals(type >= 16 && type <= 21, info.randomAccess(), "type " + type);
    }
  }

  @Test
  void h265IgnoresEnhancementLayerSlices() {
    // An IDR slice with nuh_layer_id 1 says nothing about the base layer.
    byte[] layer1 = new NalWriter().flag(true).u(15, 0x1234).nal(19 << 1, (1 << 3) | 1);
    AccessUnitInfo info = inspect(StreamType.H265, join(HEVC_AUD, layer1));
    assertFalse(info.resolved());
  }

  @Test
  void h265CodecsStrings() {
    assertEquals("hvc1.1.6.L93.B0",
        HevcSps.codecs(0, 1, 0x60000000L, false, 93, 0xB000_0000_0000L));
    // no compatibility flags, every constraint byte set, high tier, profile spaces B and C
    assertEquals("hvc1.B3.0.H186.1.2.3.4.5.6",
        HevcSps.codecs(2, 3, 0, true, 186, 0x0102_0304_0506L));
    assertEquals("hvc1.C1.FFFFFFFF.L30.0", HevcSps.codecs(3, 1, 0xFFFFFFFFL, false, 30, 0));
  }

  @Test
  void mpeg2SequenceHeaderWithMatrixAndExtension() {
    byte[] au = HandBuiltUnits.mpeg2Unit(1);
    assertEquals(new AccessUnitInfo(true, true, new VideoFormat(StreamType.MPEG2_VIDEO,
        1920, 1080, 30000 / 1001.0, "Main", "mp4v.61")), inspect(StreamType.MPEG2_VIDEO, au));
  }

  @Test
  void mpegPictureTypesDecideRandomAccess() {
    byte[] p = HandBuiltUnits.mpeg2Unit(2);
    // A sequence and GOP header before a P picture make a broken stream, not an entry point.
    assertFalse(inspect(StreamType.MPEG2_VIDEO, p).randomAccess());
    byte[] d = HandBuiltUnits.mpeg2Unit(4);
    assertTrue(inspect(StreamType.MPEG1_VIDEO, d).randomAccess(), "MPEG-1 D picture");
    assertFalse(inspect(StreamType.MPEG2_VIDEO, d).randomAccess());
    byte[] pictureOnly = {0, 0, 1, 0, 0x00, 0x08, (byte) 0xFF, (byte) 0xF8}; // I picture
    assertEquals(new AccessUnitInfo(true, true, null),
        inspect(StreamType.MPEG2_VIDEO, pictureOnly));
  }

  @Test
  void otherStreamTypesAreNotInspected() {
    byte[] au = HandBuiltUnits.avcUnit(HandBuiltUnits.avcBaselineSps());
    assertEquals(new AccessUnitInfo(false, false, null), inspect(StreamType.AAC, au));
    assertNull(AccessUnitInspector.inspect(null, au, 0, au.length).format());
  }
}
