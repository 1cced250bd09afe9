package io.swarmtv.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatagramRealignerTest {
  private final DatagramRealigner realigner = new DatagramRealigner(UdpFeed.MAX_DATAGRAM);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PacketSink sink = new PacketSink() {
    @Override
    public void accept(byte[] b, int off, int count, long arrivalMicros) {
      out.write(b, off, count * TsPacket.SIZE);
    }

    @Override
    public void discontinuity() {}
  };

  /** Packets numbered in their first payload bytes, the rest noise (with 0x47 where it falls). */
  static byte[] packets(int count) {
    Random random = new Random(42);
    byte[] b = new byte[count * TsPacket.SIZE];
    for (int i = 0; i < count; i++) {
      int p = i * TsPacket.SIZE;
      for (int k = 4; k < TsPacket.SIZE; k++) {
        b[p + k] = (byte) random.nextInt(256);
      }
      b[p] = (byte) TsPacket.SYNC;
      b[p + 1] = 0x01;
      b[p + 2] = 0x00;
      b[p + 3] = (byte) (0x10 | (i & 0x0F));
      b[p + 4] = (byte) (i >> 8);
      b[p + 5] = (byte) i;
    }
    return b;
  }

  private void send(byte[] stream, int from, int to) {
    byte[] datagram = Arrays.copyOfRange(stream, from, to); // a fresh array, as a socket buffer would be reused
    realigner.accept(datagram, 0, datagram.length, 0, sink);
  }

  private void sendInSlices(byte[] stream, int size, int skipSlice) {
    for (int i = 0, off = 0; off < stream.length; i++, off += size) {
      if (i != skipSlice) {
        send(stream, off, Math.min(stream.length, off + size));
      }
    }
  }

  /** Whether every packet of {@code got} is a packet of {@code all}, in order. */
  private static boolean packetSubsequence(byte[] got, byte[] all) {
    int j = 0;
    for (int i = 0; i < got.length; i += TsPacket.SIZE) {
      while (j < all.length && !Arrays.equals(got, i, i + TsPacket.SIZE, all, j, j + TsPacket.SIZE)) {
        j += TsPacket.SIZE;
      }
      if (j >= all.length) {
        return false;
      }
      j += TsPacket.SIZE;
    }
    return true;
  }

  @Test
  void wholePacketDatagramsPassStraightThrough() {
    byte[] stream = packets(70);
    sendInSlices(stream, 7 * TsPacket.SIZE, -1);
    assertArrayEquals(stream, out.toByteArray());
    assertEquals(0, realigner.skippedBytes());
    assertEquals(0, realigner.partialDatagrams());
  }

  @Test
  void datagramsSplittingPacketsAreStrungTogether() {
    byte[] stream = packets(200);
    sendInSlices(stream, 1472, -1);
    assertArrayEquals(stream, out.toByteArray());
    assertEquals(0, realigner.skippedBytes());
    assertEquals(0, realigner.resyncs());
    assertEquals((stream.length + 1471) / 1472, realigner.partialDatagrams());
  }

  @Test
  void aLostDatagramCostsOnlyThePacketsItTouched() {
    byte[] stream = packets(200);
    sendInSlices(stream, 1472, 5);
    byte[] got = out.toByteArray();
    assertTrue(packetSubsequence(got, stream), "no spliced packet is passed on");
    int lost = (stream.length - got.length) / TsPacket.SIZE;
    assertTrue(lost >= 8 && lost <= 10, "lost " + lost + " packets for 1472 bytes");
    assertEquals(1, realigner.resyncs());
    assertTrue(realigner.skippedBytes() > 0);
  }

  @Test
  void aPartialDatagramAmongWholeOnesIsSkippedCleanly() {
    byte[] stream = packets(35);
    int d = 7 * TsPacket.SIZE;
    send(stream, 0, d);
    send(stream, d, d + 1000); // 5 packets and 60 bytes of a sixth
    send(stream, 2 * d, 5 * d);
    byte[] expected = new byte[stream.length - 2 * TsPacket.SIZE];
    System.arraycopy(stream, 0, expected, 0, d + 5 * TsPacket.SIZE);
    System.arraycopy(stream, 2 * d, expected, d + 5 * TsPacket.SIZE, 3 * d);
    assertArrayEquals(expected, out.toByteArray());
    assertEquals(60, realigner.skippedBytes());
  }

  @Test
  void junkDatagramsAreSkipped() {
    byte[] stream = packets(21);
    int d = 7 * TsPacket.SIZE;
    send(stream, 0, d);
    realigner.accept(new byte[100], 0, 100, 0, sink);
    byte[] syncJunk = new byte[300];
    syncJunk[0] = TsPacket.SYNC;
    realigner.accept(syncJunk, 0, syncJunk.length, 0, sink);
    send(stream, d, 3 * d);
    assertArrayEquals(stream, out.toByteArray());
    assertEquals(400, realigner.skippedBytes());
  }

  @Test
  void aStreamJoinedMidPacketFindsItsAlignment() {
    byte[] stream = packets(100);
    for (int off = 77; off < stream.length; off += 1472) {
      send(stream, off, Math.min(stream.length, off + 1472));
    }
    byte[] got = out.toByteArray();
    assertArrayEquals(Arrays.copyOfRange(stream, TsPacket.SIZE, stream.length), got);
    assertEquals(TsPacket.SIZE - 77, realigner.skippedBytes());
    assertEquals(0, realigner.resyncs(), "finding alignment at the start is not losing it");
  }
}
