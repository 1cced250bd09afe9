package io.swarmtv.ts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A program map table: which PIDs make up one program (ISO/IEC 13818-1, 2.4.4.8). */
public record ProgramMap(int programNumber, int version, int pcrPid, List<ElementaryStream> streams) {

  public ProgramMap {
    streams = List.copyOf(streams);
  }

  /** The first video stream, else the first audio stream: the one the chunker cuts by. */
  public ElementaryStream primary() {
    for (ElementaryStream s : streams) {
      if (s.type().isVideo()) return s;
    }
    for (ElementaryStream s : streams) {
      if (s.type().isAudio()) return s;
    }
    return null;
  }

  /** Parses a CRC-checked PMT section. */
  public static ProgramMap parse(byte[] b, int len) throws TsFormatException {
    if ((b[0] & 0xFF) != 0x02) {
      throw new TsFormatException("PMT has table_id 0x" + Integer.toHexString(b[0] & 0xFF));
    }
    if (len < 16) {
      throw new TsFormatException("PMT section of " + len + " bytes is too short");
    }
    int programNumber = ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
    int version = (b[5] >>> 1) & 0x1F;
    int pcrPid = ((b[8] & 0x1F) << 8) | (b[9] & 0xFF);
    int programInfoLength = ((b[10] & 0x0F) << 8) | (b[11] & 0xFF);
    int end = len - 4;
    int p = 12 + programInfoLength;
    if (p > end) {
      throw new TsFormatException("PMT program_info_length " + programInfoLength + " overruns the section");
    }
    List<ElementaryStream> streams = new ArrayList<>();
    while (p + 5 <= end) {
      int code = b[p] & 0xFF;
      int pid = ((b[p + 1] & 0x1F) << 8) | (b[p + 2] & 0xFF);
      int infoLength = ((b[p + 3] & 0x0F) << 8) | (b[p + 4] & 0xFF);
      int d = p + 5;
      int dEnd = d + infoLength;
      if (dEnd > end) {
        throw new TsFormatException("PMT ES_info_length " + infoLength + " of PID " + pid + " overruns the section");
      }
      int[] tags = new int[0];
      String language = null;
      while (d + 2 <= dEnd) {
        int tag = b[d] & 0xFF;
        int dLen = b[d + 1] & 0xFF;
        if (d + 2 + dLen > dEnd) {
          throw new TsFormatException("descriptor 0x" + Integer.toHexString(tag) + " of PID " + pid + " overruns its loop");
        }
        tags = Arrays.copyOf(tags, tags.length + 1);
        tags[tags.length - 1] = tag;
        if (tag == 0x0A && dLen >= 3) {
          language = new String(b, d + 2, 3, StandardCharsets.ISO_8859_1);
        }
        d += 2 + dLen;
      }
      streams.add(new ElementaryStream(pid, code, StreamType.of(code, tags), language));
      p = dEnd;
    }
    return new ProgramMap(programNumber, version, pcrPid, streams);
  }
}
