package io.swarmtv.hls.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cuts with nothing to send, long audio PES, resets, lost and damaged packets, oversized frames. */
class Fmp4RemuxerEdgeTest {
  private static final int VIDEO_PID = 0x100; // where ffmpeg puts the first stream
  private static final int AUDIO_PID = 0x101;

  @TempDir
  Path dir;

  @Test
  void cutWithoutCompleteSamplesGivesNull() {
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    assertNull(remuxer.cutFragment(), "nothing fed");
    assertNull(remuxer.initSegment());
    assertNull(remuxer.codecs());
    assertEquals(0, remuxer.initVersion());

    ChunkedRemux run = ChunkedRemux.of(TestFeeds.H264_BFRAMES_25.path()).feedAll();
    assertTrue(run.fragments.size() > 5);
    assertNull(run.remuxer.cutFragment(), "a second cut with nothing new in between");
  }

  @Test
  void streamsOtherThanH264H265AndAacAreLeftOut() {
    RealTools.require("ffprobe");
    ChunkedRemux ac3 = ChunkedRemux.of(TestFeeds.HEVC_25.path()).feedAll();
    assertTrue(ac3.remuxer.codecs().matches("hvc1\\.[^,]+"), ac3.remuxer.codecs());
    Path video = ac3.write(dir.resolve("hevc.mp4"), ac3.remuxer.initSegment(), ac3.fragments);
    assertNull(StreamInfo.of(video, "a:0"), "AC-3 is not carried");
    assertEquals("PID 257 (ac3)", ac3.remuxer.leftOut());
    assertEquals(FfprobePackets.of(TestFeeds.HEVC_25.path(), "v:0").packets().size(),
        FfprobePackets.of(video, "v:0").packets().size());

    ChunkedRemux two = ChunkedRemux.of(TestFeeds.TWO_AUDIO.path()).feedAll();
    assertTrue(two.remuxer.codecs().matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2"), two.remuxer.codecs());
    Path both = two.write(dir.resolve("two.mp4"), two.remuxer.initSegment(), two.fragments);
    assertEquals("aac", StreamInfo.of(both, "a:0").codec());
    assertNull(StreamInfo.of(both, "a:1"), "the MP2 track is left out");
    assertEquals("PID 258 (mp2)", two.remuxer.leftOut());

    ChunkedRemux mpeg2 = ChunkedRemux.of(TestFeeds.MPEG2_25.path()).feedAll();
    assertNull(mpeg2.remuxer.initSegment(), "MPEG-2 video and MP2 audio: nothing to remux");
    assertTrue(mpeg2.fragments.isEmpty());
    assertNull(mpeg2.remuxer.codecs());
    assertEquals("no H.264 or H.265 video; not remuxed: PID 256 (mpeg2video), PID 257 (mp2)",
        mpeg2.remuxer.leftOut());
  }

  @Test
  void refusesPartialPackets() {
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> remuxer.accept(new byte[200], 0, 200));
    assertTrue(e.getMessage().contains("not whole 188-byte TS packets"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> remuxer.accept(new byte[188], 100, 188));
  }

  @Test
  void audioPesLongerThanAPartIsCarriedIntoLaterFragments() {
    ChunkedRemux run = ChunkedRemux.of(TestFeeds.H264_LONG_AUDIO_PES.path());
    // The feed really has parts that no audio PES starts in: a PES runs across them.
    int[] audioStarts = new int[1];
    TsDemuxer demuxer = new TsDemuxer(new TsListener() {
      @Override
      public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
        if (stream.type().isAudio()) {
          audioStarts[0]++;
        }
      }
    });
    int partsWithoutAudioStart = 0;
    int parts = 0;
    for (ChunkCut c : run.chunks) {
      if (c.has(ChunkFlags.PART_START)) {
        parts++;
        partsWithoutAudioStart += parts > 1 && audioStarts[0] == 0 ? 1 : 0;
        audioStarts[0] = 0;
      }
      for (int off = 0; off < c.payload().length; off += TsPacket.SIZE) {
        demuxer.accept(c.payload(), off);
      }
    }
    assertTrue(partsWithoutAudioStart >= parts / 3, partsWithoutAudioStart + " of " + parts);

    run.feedAll();
    int audioOnlyInLater = 0;
    int videoOnly = 0;
    for (Fragment f : run.fragments) {
      int trafs = count(f.bytes(), "traf");
      videoOnly += trafs == 1 ? 1 : 0;
      audioOnlyInLater += trafs == 2 ? 1 : 0;
    }
    assertTrue(videoOnly > 0 && audioOnlyInLater > 0,
        videoOnly + " fragments with video alone, " + audioOnlyInLater + " with both");
    assertEquals(0, run.remuxer.inputErrors(), () -> run.remuxer.lastError());
    // Every frame's timing against the source is checked in Fmp4RemuxerMediaTest.
  }

  @Test
  void resetMidStreamResumesAtTheNextKeyframe() {
    RealTools.require("ffprobe");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    ChunkedRemux run = ChunkedRemux.of(source);
    int n = run.chunks.size();
    int stop = n / 3;
    int resume = n / 2;
    while (run.chunks.get(resume).has(ChunkFlags.SEGMENT_START)) {
      resume++; // land mid-segment, as after a real gap
    }
    run.feed(0, stop);
    run.cut();
    int before = run.fragments.size();
    byte[] init = run.remuxer.initSegment();
    run.remuxer.reset();
    run.feed(resume, n);
    run.cut();
    List<Fragment> after = run.fragments.subList(before, run.fragments.size());
    assertTrue(after.get(0).independent(), "the first fragment after a reset starts at a keyframe");
    assertArrayEquals(init, run.remuxer.initSegment(), "same stream after the gap: same init");
    assertEquals(1, run.remuxer.initVersion());
    long last = 0;
    for (Fragment f : run.fragments) {
      assertTrue(ChunkedRemux.sequenceNumber(f) > last, "sequence numbers go on across the reset");
      last = ChunkedRemux.sequenceNumber(f);
    }

    List<Long> all = FfprobePackets.of(source, "v:0").packets().stream().map(FfprobePackets.Packet::pts).toList();
    List<FfprobePackets.Packet> resumed = FfprobePackets.of(
        run.write(dir.resolve("after.mp4"), init, after), "v:0").packets();
    int at = all.indexOf(resumed.get(0).pts());
    assertTrue(resumed.get(0).keyframe());
    assertEquals(all.subList(at, all.size()), resumed.stream().map(FfprobePackets.Packet::pts).toList(),
        "every frame from the keyframe after the gap on");
    List<FfprobePackets.Packet> early = FfprobePackets.of(
        run.write(dir.resolve("before.mp4"), init, run.fragments.subList(0, before)), "v:0").packets();
    assertEquals(all.subList(0, early.size()), early.stream().map(FfprobePackets.Packet::pts).toList());

    Path joined = run.write(dir.resolve("joined.mp4"), init, run.fragments);
    RealTools.ProcessResult decode = RealTools.run(Duration.ofMinutes(1),
        "ffmpeg", "-v", "error", "-i", joined.toString(), "-f", "null", "-");
    assertEquals("", decode.stderr().strip(), "the fragments before and after the gap decode");
  }

  @Test
  void newParameterSetsAfterAResetMakeANewInitSegment() {
    RealTools.require("ffprobe");
    ChunkedRemux first = ChunkedRemux.of(TestFeeds.H264_BFRAMES_25.path());
    ChunkedRemux second = ChunkedRemux.of(TestFeeds.H264_2S.path()); // 320x240, other settings
    Fmp4Remuxer remuxer = first.remuxer;
    first.feedAll();
    byte[] oldInit = remuxer.initSegment();
    String oldCodecs = remuxer.codecs();
    int before = first.fragments.size();
    remuxer.reset();
    for (ChunkCut c : second.chunks) {
      if (c.has(ChunkFlags.PART_START)) {
        first.cut();
      }
      remuxer.accept(c.payload(), 0, c.payload().length);
    }
    first.cut();
    assertEquals(2, remuxer.initVersion(), "the encoder changed: a second init segment");
    assertFalse(Arrays.equals(oldInit, remuxer.initSegment()));
    assertNotEquals(oldCodecs, remuxer.codecs());

    Path after = first.write(dir.resolve("second.mp4"), remuxer.initSegment(),
        first.fragments.subList(before, first.fragments.size()));
    RealTools.ProcessResult decode = RealTools.run(Duration.ofMinutes(1),
        "ffmpeg", "-v", "error", "-i", after.toString(), "-f", "null", "-");
    assertEquals("", decode.stderr().strip());
    assertEquals(240, StreamInfo.of(after, "v:0").height());
    assertEquals(FfprobePackets.of(TestFeeds.H264_2S.path(), "v:0").packets().size(),
        FfprobePackets.of(after, "v:0").packets().size());
  }

  @Test
  void lostPacketDropsOnlyItsFrameAndCountsIt() {
    RealTools.require("ffprobe");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    byte[] ts = ChunkedRemux.read(source);
    // A packet from the middle of a video frame, two seconds in.
    int victim = continuationPacket(ts, VIDEO_PID, ts.length / TsPacket.SIZE / 3);
    ChunkedRemux run = ChunkedRemux.of(without(ts, victim)).feedAll();
    assertEquals(1, run.remuxer.inputErrors());
    assertTrue(run.remuxer.lastError().contains("packets lost inside a frame"), run.remuxer.lastError());
    int in = FfprobePackets.of(source, "v:0").packets().size();
    Path mp4 = run.write(dir.resolve("lost.mp4"), run.remuxer.initSegment(), run.fragments);
    assertEquals(in - 1, FfprobePackets.of(mp4, "v:0").packets().size());
  }

  @Test
  void wildTimestampCostsOneVideoFrameAndNoAudio() {
    RealTools.require("ffprobe");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    byte[] ts = ChunkedRemux.read(source);
    int packets = ts.length / TsPacket.SIZE;
    shiftPesAt(ts, VIDEO_PID, packets / 3, 40 * 90_000L);
    shiftPesAt(ts, AUDIO_PID, packets / 2, -20 * 90_000L);
    // The chunker sees the jumps too and may flag a discontinuity; this checks the remuxer alone.
    ChunkedRemux run = ChunkedRemux.of(ts).feedAll();
    assertEquals(2, run.remuxer.inputErrors(), () -> run.remuxer.lastError());
    Path mp4 = run.write(dir.resolve("wild.mp4"), run.remuxer.initSegment(), run.fragments);
    assertEquals(FfprobePackets.of(source, "v:0").packets().size() - 1, FfprobePackets.of(mp4, "v:0").packets().size());
    List<FfprobePackets.Packet> audioIn = FfprobePackets.of(source, "a:0").packets();
    List<FfprobePackets.Packet> audioOut = FfprobePackets.of(mp4, "a:0").packets();
    assertEquals(audioIn.size(), audioOut.size(), "the audio PES with the wild PTS keeps its frames");
    for (int i = 0; i < audioIn.size(); i++) {
      long mp4Ticks = audioOut.get(i).pts() * 90_000 / 48_000;
      assertTrue(Math.abs(audioIn.get(i).pts() - mp4Ticks) <= 2, "AAC frame " + i + " keeps its time");
    }
  }

  /** Adds {@code ticks} to the PTS and DTS of the first PES of {@code pid} at or after packet {@code from}. */
  private static void shiftPesAt(byte[] ts, int pid, int from, long ticks) {
    for (int p = from; (p + 1) * TsPacket.SIZE <= ts.length; p++) {
      int off = p * TsPacket.SIZE;
      if (TsPacket.pid(ts, off) == pid && TsPacket.payloadUnitStart(ts, off)) {
        int payload = off + TsPacket.payloadOffset(ts, off);
        assertTrue(PesHeader.shiftTimestamps(ts, payload, off + TsPacket.SIZE - payload, ticks));
        return;
      }
    }
    throw new AssertionError("no PES of PID " + pid);
  }

  @Test
  void shortAudioPesIsDroppedAndCounted() {
    RealTools.require("ffprobe");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    byte[] ts = ChunkedRemux.read(source);
    int victim = continuationPacket(ts, AUDIO_PID, ts.length / TsPacket.SIZE / 2);
    // Hide the loss from the continuity counters: the PES is found short only when the next starts.
    byte[] cut = without(ts, victim);
    for (int p = victim; p < cut.length / TsPacket.SIZE; p++) {
      int off = p * TsPacket.SIZE;
      if (TsPacket.pid(cut, off) == AUDIO_PID && TsPacket.hasPayload(cut, off)) {
        TsPacket.setContinuityCounter(cut, off, (TsPacket.continuityCounter(cut, off) + 15) & 0x0F);
      }
    }
    ChunkedRemux run = ChunkedRemux.of(cut).feedAll();
    assertTrue(run.remuxer.inputErrors() >= 1);
    assertTrue(run.remuxer.lastError().contains("short of its declared length"), run.remuxer.lastError());
    int in = FfprobePackets.of(source, "a:0").packets().size();
    Path mp4 = run.write(dir.resolve("short.mp4"), run.remuxer.initSegment(), run.fragments);
    int out = FfprobePackets.of(mp4, "a:0").packets().size();
    // ffmpeg packs about 2930 bytes, a dozen AAC frames at 96 kbit/s, into one PES.
    assertTrue(out < in && out >= in - 16, out + " AAC frames of " + in + ": one PES lost");
    RealTools.ProcessResult decode = RealTools.run(Duration.ofMinutes(1),
        "ffmpeg", "-v", "error", "-i", mp4.toString(), "-f", "null", "-");
    assertEquals("", decode.stderr().strip());
  }

  @Test
  void damagedAdtsHeaderSkipsItsFrame() {
    RealTools.require("ffprobe");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    byte[] ts = ChunkedRemux.read(source);
    int p = ts.length / TsPacket.SIZE / 2;
    while (TsPacket.pid(ts, p * TsPacket.SIZE) != AUDIO_PID || !TsPacket.payloadUnitStart(ts, p * TsPacket.SIZE)) {
      p++;
    }
    int off = p * TsPacket.SIZE;
    int payload = off + TsPacket.payloadOffset(ts, off);
    int adts = payload + PesHeader.parse(ts, payload, off + TsPacket.SIZE - payload).headerLength();
    assertEquals(0xFF, ts[adts] & 0xFF, "an ADTS frame starts the PES");
    ts[adts] = 0x12;
    ChunkedRemux run = ChunkedRemux.of(ts).feedAll();
    assertTrue(run.remuxer.lastError().contains("lost ADTS sync"), run.remuxer.lastError());
    assertTrue(run.remuxer.inputErrors() >= 1);
    int in = FfprobePackets.of(source, "a:0").packets().size();
    Path mp4 = run.write(dir.resolve("adts.mp4"), run.remuxer.initSegment(), run.fragments);
    assertEquals(in - 1, FfprobePackets.of(mp4, "a:0").packets().size());
  }

  @Test
  void frameLargerThanTheBoundIsRejectedAndTheStreamGoesOn() {
    ChunkedRemux run = ChunkedRemux.of(TestFeeds.H264_BFRAMES_25.path());
    run.feed(0, 3); // tables and the start of the first keyframe's PES
    byte[] last = run.chunks.get(2).payload();
    int cc = -1;
    for (int off = 0; off < last.length; off += TsPacket.SIZE) {
      if (TsPacket.pid(last, off) == VIDEO_PID) {
        cc = TsPacket.continuityCounter(last, off);
      }
    }
    assertTrue(cc >= 0);
    byte[] packet = new byte[TsPacket.SIZE];
    Arrays.fill(packet, (byte) 0x55);
    packet[0] = TsPacket.SYNC;
    packet[1] = (byte) (VIDEO_PID >> 8);
    packet[2] = (byte) VIDEO_PID;
    RemuxException e = null;
    for (int i = 0; i < Fmp4Remuxer.MAX_FRAME_BYTES / 184 + 10 && e == null; i++) {
      cc = (cc + 1) & 0x0F;
      packet[3] = (byte) (0x10 | cc);
      try {
        run.remuxer.accept(packet, 0, TsPacket.SIZE);
      } catch (RemuxException x) {
        e = x;
      }
    }
    assertNotNull(e, "a PES past " + Fmp4Remuxer.MAX_FRAME_BYTES + " bytes is refused");
    assertTrue(e.getMessage().contains("video PID 256") && e.getMessage().contains("8388608"), e.getMessage());

    int before = run.fragments.size();
    run.feed(3, run.chunks.size());
    run.cut();
    assertTrue(run.fragments.size() > before + 5, "fragments after the bad frame");
    assertTrue(run.fragments.get(before).independent(), "resumes at a keyframe");
  }

  /** A packet of {@code pid} at or after packet {@code from} that continues a PES and is followed by another. */
  private static int continuationPacket(byte[] ts, int pid, int from) {
    for (int p = from; (p + 1) * TsPacket.SIZE <= ts.length; p++) {
      int off = p * TsPacket.SIZE;
      if (TsPacket.pid(ts, off) == pid && !TsPacket.payloadUnitStart(ts, off) && TsPacket.hasPayload(ts, off)) {
        for (int q = p + 1; (q + 1) * TsPacket.SIZE <= ts.length; q++) {
          int qo = q * TsPacket.SIZE;
          if (TsPacket.pid(ts, qo) == pid) {
            if (!TsPacket.payloadUnitStart(ts, qo)) {
              return p;
            }
            break;
          }
        }
      }
    }
    throw new AssertionError("no continuation packet of PID " + pid);
  }

  private static byte[] without(byte[] ts, int packet) {
    byte[] out = new byte[ts.length - TsPacket.SIZE];
    int at = packet * TsPacket.SIZE;
    System.arraycopy(ts, 0, out, 0, at);
    System.arraycopy(ts, at + TsPacket.SIZE, out, at, out.length - at);
    return out;
  }

  private static int count(byte[] b, String type) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int n = 0;
    for (int i = 0; i + 4 <= b.length; i++) {
      if (b[i] == t[0] && b[i + 1] == t[1] && b[i + 2] == t[2] && b[i + 3] == t[3]) {
        n++;
      }
    }
    return n;
  }
}
