package io.swarmtv.ts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.TestFeeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsPacketReaderTest {

  static byte[] readAll(TsPacketReader reader) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[TsPacket.SIZE * 7];
    int n;
    while ((n = reader.read(buf, 0, 7)) >= 0) {
      out.write(buf, 0, n * TsPacket.SIZE);
    }
    return out.toByteArray();
  }

  /** Hands out a few bytes per read, as a socket or pipe does. */
  static InputStream trickle(byte[] data, long seed) {
    Random rnd = new Random(seed);
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + rnd.nextInt(400)));
      }
    };
  }

  @Test
  void cleanInputPassesThroughUnchanged() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    TsPacketReader reader = new TsPacketReader(trickle(ts, 1));
    assertArrayEquals(ts, readAll(reader));
    assertEquals(0, reader.skippedBytes());
    assertEquals(0, reader.resyncs());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void garbageBetweenPacketsIsSkippedAndEveryPacketRecovered(long seed) throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    Random rnd = new Random(seed);
    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
    long garbage = 0;
    int packets = ts.length / TsPacket.SIZE;
    int lastJunk = 0;
    for (int i = 0; i < packets; i++) {
      // Runs of junk a few packets apart: two right after each other can fake an alignment.
      if (i - lastJunk > 4 && rnd.nextInt(100) == 0) {
        lastJunk = i;
        // Junk that even starts with a sync byte, as a stray 0x47 in payload would.
        // Shorter than a packet: a longer run that starts with 0x47 looks like a packet itself.
        byte[] junk = new byte[1 + rnd.nextInt(TsPacket.SIZE - 1)];
        rnd.nextBytes(junk);
        junk[0] = 0x47;
        for (int k = 1; k < junk.length; k++) {
          if (junk[k] == 0x47) junk[k] = 0x46;
        }
        damaged.writeBytes(junk);
        garbage += junk.length;
      }
      damaged.write(ts, i * TsPacket.SIZE, TsPacket.SIZE);
    }
    TsPacketReader reader = new TsPacketReader(trickle(damaged.toByteArray(), seed));
    assertArrayEquals(ts, readAll(reader));
    assertEquals(garbage, reader.skippedBytes());
    assertTrue(reader.resyncs() > 0);
  }

  @Test
  void aBrokenSyncByteLosesOnlyThatPacket() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    byte[] damaged = ts.clone();
    damaged[100 * TsPacket.SIZE] = 0x48;
    byte[] out = readAll(new TsPacketReader(new ByteArrayInputStream(damaged)));
    assertEquals(ts.length - TsPacket.SIZE, out.length);
  }

  @Test
  void truncatedAndNoiseInputsEndCleanly() throws Exception {
    byte[] ts = Files.readAllBytes(TestFeeds.H264_BFRAMES_25.path());
    TsPacketReader truncated = new TsPacketReader(new ByteArrayInputStream(ts, 0, ts.length - 100));
    assertEquals(ts.length - TsPacket.SIZE, readAll(truncated).length);
    assertEquals(TsPacket.SIZE - 100, truncated.skippedBytes());

    byte[] noise = new byte[1 << 20];
    new Random(9).nextBytes(noise);
    TsPacketReader reader = new TsPacketReader(new ByteArrayInputStream(noise));
    byte[] out = readAll(reader);
    assertEquals(noise.length, out.length + reader.skippedBytes());
    assertEquals(0, readAll(new TsPacketReader(new ByteArrayInputStream(new byte[0]))).length);
  }
}
