package io.swarmtv.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmtv.ts.Timestamps;
import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcrPacerTest {
  private static final long T0 = 1_000_000_000L;
  private static final int VIDEO = 0x100;
  private static final int AUDIO = 0x101;
  /** 27 MHz ticks in a millisecond. */
  private static final long MS = 27_000;

  private final VirtualClock clock = new VirtualClock(T0);
  private final PcrPacer pacer = new PcrPacer(clock, clock);
  private final Recorder out = new Recorder();

  /** The release time of every packet handed over. */
  private static final class Recorder implements PacketSink {
    final List<Long> releases = new ArrayList<>();

    @Override
    public void accept(byte[] b, int off, int count, long arrivalMicros) {
      for (int i = 0; i < count; i++) {
        releases.add(arrivalMicros);
      }
    }

    @Override
    public void discontinuity() {}
  }

  static byte[] pcrPacket(int pid, long pcr27, boolean discontinuity) {
    byte[] p = new byte[TsPacket.SIZE];
    p[0] = (byte) TsPacket.SYNC;
    p[1] = (byte) (pid >> 8);
    p[2] = (byte) pid;
    p[3] = 0x20; // adaptation field only
    p[4] = (byte) 183;
    p[5] = (byte) (0x10 | (discontinuity ? 0x80 : 0));
    TsPacket.setPcr(p, 0, pcr27);
    return p;
  }

  static byte[] plainPacket(int pid) {
    byte[] p = new byte[TsPacket.SIZE];
    p[0] = (byte) TsPacket.SYNC;
    p[1] = (byte) (pid >> 8);
    p[2] = (byte) pid;
    p[3] = 0x10;
    return p;
  }

  private static byte[] join(byte[]... packets) {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    for (byte[] p : packets) {
      s.writeBytes(p);
    }
    return s.toByteArray();
  }

  private void pace(byte[]... packets) throws InterruptedException {
    byte[] b = join(packets);
    pacer.pace(b, 0, packets.length, out);
  }

  private long[] releasesFromT0() {
    return out.releases.stream().mapToLong(t -> t - T0).toArray();
  }

  @Test
  void pcrTimeBecomesReleaseTimeAndPacketsBetweenGoWithTheEarlierPcr() throws InterruptedException {
    long base = 5_000 * MS;
    pace(plainPacket(0), plainPacket(VIDEO),
        pcrPacket(VIDEO, base, false), plainPacket(VIDEO), plainPacket(AUDIO),
        pcrPacket(VIDEO, base + 40 * MS, false), plainPacket(AUDIO),
        pcrPacket(VIDEO, base + 80 * MS, false));
    assertArrayEquals(new long[] {0, 0, 0, 0, 0, 40_000, 40_000, 80_000}, releasesFromT0());
    assertEquals(T0 + 80_000, clock.nowMicros());
  }

  @Test
  void packetsBeforeAPcrAreHandedOverBeforeWaitingForIt() throws InterruptedException {
    List<Long> handedAt = new ArrayList<>();
    PacketSink sink = new PacketSink() {
      @Override
      public void accept(byte[] b, int off, int count, long arrivalMicros) {
        for (int i = 0; i < count; i++) {
          handedAt.add(clock.nowMicros() - T0);
        }
      }

      @Override
      public void discontinuity() {}
    };
    byte[] b = join(pcrPacket(VIDEO, 0, false), plainPacket(AUDIO), pcrPacket(VIDEO, 100 * MS, false));
    pacer.pace(b, 0, 3, sink);
    assertEquals(List.of(0L, 0L, 100_000L), handedAt);
  }

  @Test
  void backwardJumpReanchorsOneIntervalOn() throws InterruptedException {
    pace(pcrPacket(VIDEO, 1_000 * MS, false), pcrPacket(VIDEO, 1_040 * MS, false),
        pcrPacket(VIDEO, 10 * MS, false), pcrPacket(VIDEO, 50 * MS, false));
    assertArrayEquals(new long[] {0, 40_000, 80_000, 120_000}, releasesFromT0());
    assertEquals(1, pacer.reanchors());
  }

  @Test
  void forwardJumpOverASecondReanchorsInsteadOfStalling() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false), pcrPacket(VIDEO, 20 * MS, false),
        pcrPacket(VIDEO, 3_600_000 * MS, false), pcrPacket(VIDEO, 3_600_020 * MS, false));
    assertArrayEquals(new long[] {0, 20_000, 40_000, 60_000}, releasesFromT0());
    assertEquals(1, pacer.reanchors());
  }

  @Test
  void forwardStepUnderASecondIsWaitedFor() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false), pcrPacket(VIDEO, 900 * MS, false));
    assertArrayEquals(new long[] {0, 900_000}, releasesFromT0());
    assertEquals(0, pacer.reanchors());
  }

  @Test
  void discontinuityIndicatorReanchors() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false), pcrPacket(VIDEO, 40 * MS, false), pcrPacket(VIDEO, 500 * MS, true));
    assertArrayEquals(new long[] {0, 40_000, 80_000}, releasesFromT0());
    assertEquals(1, pacer.reanchors());
  }

  @Test
  void fallingFarBehindReanchorsRatherThanBursting() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false));
    clock.advance(3_000_000); // the consumer blocked us for 3 s
    pace(pcrPacket(VIDEO, 40 * MS, false), pcrPacket(VIDEO, 80 * MS, false));
    assertArrayEquals(new long[] {0, 3_000_000, 3_040_000}, releasesFromT0());
    assertEquals(1, pacer.reanchors());
  }

  @Test
  void slightLatenessIsCaughtUpWithoutSleeping() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false));
    clock.advance(100_000);
    pace(pcrPacket(VIDEO, 40 * MS, false), pcrPacket(VIDEO, 200 * MS, false));
    assertArrayEquals(new long[] {0, 40_000, 200_000}, releasesFromT0());
    assertEquals(0, pacer.reanchors());
  }

  @Test
  void pcrWrapIsAStepNotAJump() throws InterruptedException {
    long modulus = Timestamps.PTS_MODULUS * TsPacket.PCR_PER_PTS;
    pace(pcrPacket(VIDEO, modulus - 20 * MS, false), pcrPacket(VIDEO, 20 * MS, false));
    assertArrayEquals(new long[] {0, 40_000}, releasesFromT0());
    assertEquals(0, pacer.reanchors());
  }

  @Test
  void onlyTheFirstPcrPidIsFollowed() throws InterruptedException {
    pace(pcrPacket(VIDEO, 0, false), pcrPacket(AUDIO, 900_000 * MS, false), pcrPacket(VIDEO, 40 * MS, false));
    assertArrayEquals(new long[] {0, 0, 40_000}, releasesFromT0());
    assertEquals(0, pacer.reanchors());
  }

  @Test
  void reanchorAfterARestartKeepsTheCadence() throws InterruptedException {
    pace(pcrPacket(VIDEO, 7_000 * MS, false), pcrPacket(VIDEO, 7_040 * MS, false));
    pacer.reanchor();
    pace(plainPacket(0), pcrPacket(AUDIO, 0, false), pcrPacket(AUDIO, 40 * MS, false));
    assertArrayEquals(new long[] {0, 40_000, 40_000, 80_000, 120_000}, releasesFromT0());
  }
}
