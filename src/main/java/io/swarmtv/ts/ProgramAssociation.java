package io.swarmtv.ts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The program association table: program number to PMT PID, in table order (ISO/IEC 13818-1, 2.4.4.3). */
public record ProgramAssociation(int transportStreamId, int version, Map<Integer, Integer> pmtPids) {

  public ProgramAssociation {
    pmtPids = Collections.unmodifiableMap(new LinkedHashMap<>(pmtPids));
  }

  /** Parses a CRC-checked PAT section; program 0 (the network PID) is left out. */
  public static ProgramAssociation parse(byte[] b, int len) throws TsFormatException {
    if ((b[0] & 0xFF) != 0x00) {
      throw new TsFormatException("PAT has table_id 0x" + Integer.toHexString(b[0] & 0xFF));
    }
    int tsId = ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
    int version = (b[5] >>> 1) & 0x1F;
    Map<Integer, Integer> pids = new LinkedHashMap<>();
    for (int p = 8; p + 4 <= len - 4; p += 4) {
      int program = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
      int pid = ((b[p + 2] & 0x1F) << 8) | (b[p + 3] & 0xFF);
      if (program != 0) {
        pids.put(program, pid);
      }
    }
    return new ProgramAssociation(tsId, version, pids);
  }
}
