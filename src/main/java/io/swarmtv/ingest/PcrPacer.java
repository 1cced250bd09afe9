package io.swarmtv.ingest;

import io.swarmtv.ts.Timestamps;
import io.swarmtv.ts.TsPacket;
import java.util.Objects;

/**
 * Releases a recorded MPEG-TS in real time by its program clock reference: the first PCR goes out
 * now, each later one when its distance from the first has passed, and the packets between two
 * PCRs go out together with the earlier one.
 *
 * <p>Only the first PID seen carrying a PCR is followed, since the PCRs of different programs in
 * one multiplex need not agree. A PCR that steps backwards, more than a second forwards, or
 * carries the discontinuity indicator re-anchors the timeline one PCR interval after the previous
 * release, so a spliced or looped file neither stalls nor bursts. Falling more than a second
 * behind (a suspended machine, a slow consumer) re-anchors too, rather than catching up in a burst.
 */
public final class PcrPacer {
  /** PCR ticks per microsecond. */
  private static final long TICKS_PER_MICRO = 27;
  private static final long PCR_MODULUS = Timestamps.PTS_MODULUS * TsPacket.PCR_PER_PTS;
  private static final long MAX_STEP_MICROS = 1_000_000;
  private static final long MAX_LATE_MICROS = 1_000_000;
  /** ISO/IEC 13818-1 wants PCRs at most 100 ms apart; a longer gap is not a useful spacing. */
  private static final long MAX_INTERVAL_MICROS = 100_000;

  private final MicrosClock clock;
  private final Sleeper sleeper;

  private int pcrPid = -1;
  private boolean anchored;
  private long anchorMicros;
  private long ticksSinceAnchor;
  private long lastPcr;
  private long lastRelease = -1;
  private long intervalMicros;
  private long pcrs;
  private long reanchors;

  public PcrPacer(MicrosClock clock, Sleeper sleeper) {
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  /**
   * Hands {@code count} packets at {@code off} to {@code out}, each batch at its release time,
   * sleeping until every PCR on the followed PID is due.
   */
  public void pace(byte[] b, int off, int count, PacketSink out) throws InterruptedException {
    int start = 0;
    for (int i = 0; i < count; i++) {
      long pcr = followedPcr(b, off + i * TsPacket.SIZE);
      if (pcr < 0) {
        continue;
      }
      if (i > start) {
        out.accept(b, off + start * TsPacket.SIZE, i - start, pendingRelease());
      }
      release(pcr, TsPacket.discontinuityIndicator(b, off + i * TsPacket.SIZE));
      start = i;
    }
    if (count > start) {
      out.accept(b, off + start * TsPacket.SIZE, count - start, pendingRelease());
    }
  }

  /**
   * Forgets the PCR timeline (the source started over): the next PCR, on whatever PID comes
   * first, is released one PCR interval after the last release.
   */
  public void reanchor() {
    anchored = false;
    pcrPid = -1;
  }

  /** PCRs followed so far. */
  public long pcrs() {
    return pcrs;
  }

  /** Times the timeline was re-anchored at a jump, a discontinuity or after falling behind. */
  public long reanchors() {
    return reanchors;
  }

  private long followedPcr(byte[] b, int p) {
    if (TsPacket.transportError(b, p)) {
      return -1;
    }
    int pid = TsPacket.pid(b, p);
    if (pcrPid >= 0 && pid != pcrPid) {
      return -1;
    }
    long pcr = TsPacket.pcr(b, p);
    if (pcr >= 0) {
      pcrPid = pid;
    }
    return pcr;
  }

  /** Packets before the first PCR go at once; later ones with the PCR before them. */
  private long pendingRelease() {
    return lastRelease < 0 ? clock.nowMicros() : lastRelease;
  }

  private void release(long pcr, boolean discontinuity) throws InterruptedException {
    long now = clock.nowMicros();
    long due;
    if (!anchored) {
      due = afterLastRelease(now);
      anchor(due);
    } else {
      long step = Math.floorMod(pcr - lastPcr, PCR_MODULUS);
      if (step > PCR_MODULUS / 2) {
        step -= PCR_MODULUS; // stepped backwards, the shorter way round the wrap
      }
      if (discontinuity || step < 0 || step > MAX_STEP_MICROS * TICKS_PER_MICRO) {
        due = afterLastRelease(now);
        anchor(due);
        reanchors++;
      } else {
        ticksSinceAnchor += step;
        due = anchorMicros + ticksSinceAnchor / TICKS_PER_MICRO;
        if (step > 0) {
          intervalMicros = Math.min(step / TICKS_PER_MICRO, MAX_INTERVAL_MICROS);
        }
        if (now - due > MAX_LATE_MICROS) {
          due = now;
          anchor(due);
          reanchors++;
        }
      }
    }
    lastPcr = pcr;
    pcrs++;
    if (due > now) {
      sleeper.sleepMicros(due - now);
    }
    lastRelease = due;
  }

  private long afterLastRelease(long now) {
    return lastRelease < 0 ? now : Math.max(now, lastRelease + intervalMicros);
  }

  private void anchor(long at) {
    anchored = true;
    anchorMicros = at;
    ticksSinceAnchor = 0;
  }
}
