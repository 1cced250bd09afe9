package io.swarmtv.ts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.TestFeeds;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsDemuxerTest {

  static final class Recorder implements TsListener {
    final List<ProgramMap> maps = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<Integer> ccErrors = new ArrayList<>();
    int pesStarts;
    int keyframes;

    @Override
    public void onProgramMap(ProgramMap pmt, long index) {
      maps.add(pmt);
    }

    @Override
    public void onPesStart(ElementaryStream s, PesHeader h, long index) {
      pesStarts++;
    }

    @Override
    public void onAccessUnit(ElementaryStream s, PesHeader h, AccessUnitInfo info, long index) {
      if (info.randomAccess()) keyframes++;
    }

    @Override
    public void onContinuityError(int pid, int expected, int actual, long index) {
      ccErrors.add(pid);
    }

    @Override
    public void onError(String message, long index) {
      errors.add(message);
    }
  }

  static Recorder demux(byte[] ts) {
    Recorder r = new Recorder();
    TsDemuxer d = new TsDemuxer(r);
    for (int off = 0; off + TsPacket.SIZE <= ts.length; off += TsPacket.SIZE) {
      d.accept(ts, off);
    }
    return r;
  }

  @Test
  void readsProgramsStreamsAndKeyframesOfARealFeed() throws Exception {
    Recorder r = demux(Files.readAllBytes(TestFeeds.TWO_AUDIO.path()));
    assertEquals(1, r.maps.size());
    ProgramMap pmt = r.maps.get(0);
    assertEquals(List.of(StreamType.H264, StreamType.AAC, StreamType.MPEG_AUDIO),
        pmt.streams().stream().map(ElementaryStream::type).toList());
    assertEquals("eng", pmt.streams().get(1).language());
    assertEquals("fra", pmt.streams().get(2).language());
    assertEquals(StreamType.H264, pmt.primary().type());
    assertTrue(r.keyframes >= 2, "keyframes " + r.keyframes);
    assertTrue(r.errors.isEmpty(), r.errors.toString());
    assertTrue(r.ccErrors.isEmpty());
  }

  @Test
  void aDroppedPacketIsAContinuityError() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] dropped = new byte[ts.length - TsPacket.SIZE];
    int at = 500 * TsPacket.SIZE;
    System.arraycopy(ts, 0, dropped, 0, at);
    System.arraycopy(ts, at + TsPacket.SIZE, dropped, at, ts.length - at - TsPacket.SIZE);
    Recorder r = demux(dropped);
    assertEquals(List.of(TsPacket.pid(ts, at)), r.ccErrors);
  }

  @Test
  void aDuplicatedPacketIsNotAnError() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] dup = new byte[ts.length + TsPacket.SIZE];
    int at = 500 * TsPacket.SIZE;
    System.arraycopy(ts, 0, dup, 0, at + TsPacket.SIZE);
    System.arraycopy(ts, at, dup, at + TsPacket.SIZE, ts.length - at);
    assertTrue(demux(dup).ccErrors.isEmpty());
  }

  @Test
  void aChangedProgramMapIsReportedAgain() throws Exception {
    byte[] a = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] b = Files.readAllBytes(TestFeeds.MPEG2_25.path());
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    Recorder r = demux(joined);
    assertEquals(2, r.maps.size());
    assertEquals(StreamType.MPEG2_VIDEO, r.maps.get(1).primary().type());
  }

  @Test
  void corruptTablesAreReportedAndIgnored() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    // The PMT: flip a byte inside it so its CRC fails, in every copy.
    byte[] bad = ts.clone();
    int pmtPid = -1;
    for (int off = 0; off < bad.length; off += TsPacket.SIZE) {
      if (TsPacket.pid(bad, off) == 0x1000) {
        pmtPid = 0x1000;
        bad[off + 10] ^= 0x55;
      }
    }
    assertEquals(0x1000, pmtPid, "ffmpeg puts the PMT on PID 0x1000");
    Recorder r = demux(bad);
    assertTrue(r.maps.isEmpty());
    assertTrue(r.errors.stream().anyMatch(e -> e.contains("fails its CRC")), r.errors.toString());
    assertEquals(0, r.pesStarts, "without a PMT no stream is followed");
  }

  @Test
  void anEndlessVideoPesKeepsMemoryBounded() {
    // One PES start on a video PID, then 20,000 continuation packets: the head stays at its bound.
    byte[] pat = section(0, new byte[] {0, 1, (byte) 0xE1, 0x00});
    byte[] pmt = section(2, new byte[] {(byte) 0xE1, 0x00, (byte) 0xF0, 0x00, 0x1B, (byte) 0xE1, 0x01, (byte) 0xF0, 0x00});
    Recorder r = new Recorder();
    TsDemuxer d = new TsDemuxer(r);
    d.accept(packet(0, true, 0, pat), 0);
    d.accept(packet(0x100, true, 0, pmt), 0);
    byte[] pes = {0, 0, 1, (byte) 0xE0, 0, 0, (byte) 0x80, 0, 0};
    d.accept(packet(0x101, true, 0, pes), 0);
    for (int i = 1; i <= 20_000; i++) {
      d.accept(packet(0x101, false, i & 15, new byte[0]), 0);
    }
    assertEquals(1, r.pesStarts);
    assertTrue(r.errors.isEmpty(), r.errors.toString());
  }

  /** A PSI section with table id, the given body after the 5-byte extension header, and its CRC. */
  static byte[] section(int tableId, byte[] body) {
    int len = 5 + body.length + 4;
    byte[] s = new byte[3 + len];
    s[0] = (byte) tableId;
    s[1] = (byte) (0xB0 | (len >> 8));
    s[2] = (byte) len;
    s[3] = 0;
    s[4] = 1;
    s[5] = (byte) 0xC1;
    System.arraycopy(body, 0, s, 8, body.length);
    int crc = Crc32Mpeg.compute(s, 0, s.length - 4);
    for (int k = 0; k < 4; k++) s[s.length - 4 + k] = (byte) (crc >>> (24 - 8 * k));
    return s;
  }

  static byte[] packet(int pid, boolean start, int cc, byte[] payload) {
    byte[] p = new byte[TsPacket.SIZE];
    java.util.Arrays.fill(p, (byte) 0xFF);
    p[0] = 0x47;
    p[1] = (byte) ((start ? 0x40 : 0) | (pid >> 8));
    p[2] = (byte) pid;
    p[3] = (byte) (0x10 | cc);
    int off = 4;
    if (start && pid < 0x101) {
      p[off++] = 0; // pointer_field
    }
    System.arraycopy(payload, 0, p, off, payload.length);
    return p;
  }
}
