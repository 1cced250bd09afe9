package io.swarmtv.hls;

import io.swarmtv.ts.ProgramAssociation;
import io.swarmtv.ts.SectionAssembler;
import io.swarmtv.ts.TsFormatException;
import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The channel's latest PAT and PMT packets, kept so that every segment and every stream start can
 * begin with them and be decoded on its own: chunks carry the tables only where the source sent
 * them.
 *
 * <p>The copies keep their continuity counters: a player that already saw the original takes the
 * copy for the duplicate the standard allows, and the next original follows on without a jump.
 */
public final class ProgramTables {
  /** A PMT longer than this many packets is not repeated (real PMTs fit in one). */
  private static final int MAX_PMT_PACKETS = 4;

  private final SectionAssembler patSections = new SectionAssembler(new SectionAssembler.Sink() {
    @Override
    public void section(byte[] b, int len) {
      try {
        ProgramAssociation pat = ProgramAssociation.parse(b, len);
        pmtPid = pat.pmtPids().values().stream().filter(p -> p != TsPacket.NULL_PID && p != TsPacket.PAT_PID)
            .findFirst().orElse(-1);
      } catch (TsFormatException e) {
        // a broken PAT changes nothing: the last good one stays
      }
    }

    @Override
    public void error(String message) {}
  });

  private byte[] patPacket;
  private final byte[] pmtPackets = new byte[MAX_PMT_PACKETS * TsPacket.SIZE];
  private int pmtCount;
  private boolean pmtComplete;
  private byte[] lastPmt;
  private int pmtPid = -1;

  /** Reads the tables out of whole packets (other packets pass unread). */
  public void accept(byte[] b, int off, int len) {
    for (int p = off; p + TsPacket.SIZE <= off + len; p += TsPacket.SIZE) {
      if (!TsPacket.hasSync(b, p)) {
        continue;
      }
      int pid = TsPacket.pid(b, p);
      boolean start = TsPacket.payloadUnitStart(b, p);
      if (pid == TsPacket.PAT_PID) {
        int payload = TsPacket.payloadOffset(b, p);
        if (payload < TsPacket.SIZE) {
          patSections.accept(b, p + payload, p + TsPacket.SIZE, start);
        }
        if (start) {
          patPacket = Arrays.copyOfRange(b, p, p + TsPacket.SIZE);
        }
      } else if (pid == pmtPid && pmtPid >= 0) {
        if (start) {
          finishPmt();
          pmtCount = 0;
          pmtComplete = false;
        }
        if (pmtCount < MAX_PMT_PACKETS && (start || pmtCount > 0)) {
          System.arraycopy(b, p, pmtPackets, pmtCount++ * TsPacket.SIZE, TsPacket.SIZE);
          pmtComplete = sectionEnds(pmtPackets, pmtCount);
          if (pmtComplete) {
            finishPmt();
          }
        }
      }
    }
  }

  private void finishPmt() {
    if (pmtComplete && pmtCount > 0) {
      lastPmt = Arrays.copyOf(pmtPackets, pmtCount * TsPacket.SIZE);
      pmtCount = 0;
      pmtComplete = false;
    }
  }

  /** Whether the PMT section starting in the first packet is wholly inside {@code count} packets. */
  private static boolean sectionEnds(byte[] packets, int count) {
    int payload = TsPacket.payloadOffset(packets, 0);
    if (payload >= TsPacket.SIZE - 4) {
      return false;
    }
    int pointer = packets[payload] & 0xFF;
    int section = payload + 1 + pointer;
    if (section + 3 > TsPacket.SIZE) {
      return false;
    }
    int sectionLength = ((packets[section + 1] & 0x0F) << 8) | (packets[section + 2] & 0xFF);
    int needed = section + 3 + sectionLength;
    // continuation packets add 184 payload bytes each (no adaptation field in PSI in practice)
    return needed <= TsPacket.SIZE + (count - 1) * (TsPacket.SIZE - 4);
  }

  /** Whether both tables have been seen. */
  public boolean known() {
    return patPacket != null && lastPmt != null;
  }

  /** PAT then PMT packets to put first, or an empty array before both are known. */
  public byte[] prefix() {
    if (!known()) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(patPacket.length + lastPmt.length);
    out.writeBytes(patPacket);
    out.writeBytes(lastPmt);
    return out.toByteArray();
  }
}
