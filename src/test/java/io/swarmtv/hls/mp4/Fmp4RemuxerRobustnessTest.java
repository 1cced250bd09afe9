package io.swarmtv.hls.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import io.swarmtv.ts.TsPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real feeds with seeded random damage: the remuxer goes on, counts what it dropped, and what it
 * writes is still well-formed fMP4 that ffprobe reads.
 */
class Fmp4RemuxerRobustnessTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void damagedFeedStillGivesWellFormedFragments(long seed) {
    RealTools.require("ffprobe");
    TestFeeds feed = seed % 2 == 0 ? TestFeeds.HEVC_AAC_25 : TestFeeds.H264_BFRAMES_25;
    byte[] ts = ChunkedRemux.read(feed.path());
    Random random = new Random(seed);
    int packets = ts.length / TsPacket.SIZE;
    // 100 bytes hit 3 to 6 % of the packets. Far more and every keyframe is hit, and a frame
    // with a lost packet is dropped, so no init segment ever forms: nothing to check then.
    for (int i = 0; i < 100; i++) {
      // Mostly payload damage, now and then a header byte or a whole packet of noise.
      int packet = random.nextInt(packets);
      int at = packet * TsPacket.SIZE + (random.nextInt(10) == 0 ? random.nextInt(4) : 4 + random.nextInt(184));
      ts[at] = (byte) random.nextInt(256);
      if (random.nextInt(50) == 0) {
        byte[] noise = new byte[TsPacket.SIZE];
        random.nextBytes(noise);
        noise[0] = TsPacket.SYNC;
        System.arraycopy(noise, 0, ts, packet * TsPacket.SIZE, TsPacket.SIZE);
      }
    }
    ChunkedRemux run = ChunkedRemux.of(ts);
    for (ChunkCut c : run.chunks) {
      if (c.has(ChunkFlags.PART_START)) {
        run.cut();
      }
      try {
        run.remuxer.accept(c.payload(), 0, c.payload().length);
      } catch (RemuxException e) {
        // a damaged length can make a PES look huge: refused with a message, and the rest goes on
        assertTrue(e.getMessage().contains("PID"), e.getMessage());
      }
    }
    run.cut();
    assertTrue(run.remuxer.inputErrors() > 0, "damage was noticed");
    assertTrue(run.fragments.size() > 5, () -> run.fragments.size() + " fragments; "
        + run.remuxer.inputErrors() + " dropped, the last as " + run.remuxer.lastError());
    for (Fragment f : run.fragments) {
      assertBoxesTile(f.bytes());
    }
    Path mp4 = run.write(dir.resolve("damaged.mp4"), run.remuxer.initSegment(), run.fragments);
    RealTools.ProcessResult probe = RealTools.runAllowingFailure(Duration.ofMinutes(1),
        "ffprobe", "-v", "error", "-show_entries", "format=nb_streams", mp4.toString());
    assertEquals(0, probe.exitCode(), probe.stderr());
    int in = FfprobePackets.of(feed.path(), "v:0").packets().size();
    int out = FfprobePackets.of(mp4, "v:0").packets().size();
    assertTrue(out > in / 2 && out <= in, () -> out + " of " + in + " frames kept; "
        + run.remuxer.inputErrors() + " dropped, the last as " + run.remuxer.lastError());
  }

  /** moof then mdat, each box's size within the fragment and the two filling it exactly. */
  private static void assertBoxesTile(byte[] b) {
    int moof = size(b, 0);
    assertEquals("moof", type(b, 0));
    assertEquals("mdat", type(b, moof));
    assertEquals(b.length, moof + size(b, moof));
  }

  private static int size(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static String type(byte[] b, int at) {
    return new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
  }
}
