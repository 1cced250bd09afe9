package io.swarmtv.ts;

/**
 * Reassembles PSI sections (PAT, PMT) of one PID from packet payloads (ISO/IEC 13818-1, 2.4.4).
 *
 * <p>A section may span packets, several may share one, and stuffing (0xFF) may follow; the
 * assembler is bounded by the largest section the standard allows.
 */
public final class SectionAssembler {
  /** PSI sections are at most 1024 bytes (section_length up to 1021 plus the 3-byte header). */
  public static final int MAX_SECTION = 1024;

  /** Receives each complete section whose CRC checks. */
  public interface Sink {
    void section(byte[] b, int len);

    void error(String message);
  }

  private final byte[] buf = new byte[MAX_SECTION];
  private int len;
  private boolean collecting;
  private final Sink sink;

  public SectionAssembler(Sink sink) {
    this.sink = sink;
  }

  /** Feeds one packet's payload; {@code start} is its payload_unit_start_indicator. */
  public void accept(byte[] b, int off, int end, boolean start) {
    int p = off;
    if (start) {
      if (p >= end) {
        return;
      }
      int pointer = b[p++] & 0xFF;
      if (p + pointer > end) {
        sink.error("pointer_field " + pointer + " points past the packet");
        collecting = false;
        return;
      }
      if (collecting) {
        append(b, p, p + pointer);
      }
      p += pointer;
      collecting = true;
      len = 0;
    } else if (!collecting) {
      return;
    }
    while (p < end) {
      if (len == 0 && (b[p] & 0xFF) == 0xFF) {
        collecting = false; // stuffing until the next payload unit start
        return;
      }
      p = append(b, p, end);
    }
  }

  /** Appends bytes and emits every section completed; returns where it stopped. */
  private int append(byte[] b, int p, int end) {
    while (p < end) {
      int want = len < 3 ? 3 - len : sectionTotal() - len;
      int n = Math.min(want, end - p);
      System.arraycopy(b, p, buf, len, n);
      len += n;
      p += n;
      if (len == 3 && sectionTotal() > MAX_SECTION) {
        sink.error("section_length " + (sectionTotal() - 3) + " exceeds " + (MAX_SECTION - 3));
        collecting = false;
        len = 0;
        return end;
      }
      if (len >= 3 && len == sectionTotal()) {
        emit();
        len = 0;
        if (p < end && (b[p] & 0xFF) == 0xFF) {
          collecting = false;
          return end;
        }
      }
    }
    return p;
  }

  private int sectionTotal() {
    return 3 + (((buf[1] & 0x0F) << 8) | (buf[2] & 0xFF));
  }

  private void emit() {
    if (len < 12) {
      sink.error("section of " + len + " bytes is too short");
    } else if (Crc32Mpeg.compute(buf, 0, len) != 0) {
      sink.error("section with table_id 0x" + Integer.toHexString(buf[0] & 0xFF) + " fails its CRC");
    } else {
      sink.section(buf, len);
    }
  }
}
