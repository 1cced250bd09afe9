package io.swarmtv.hls.mp4;

import io.swarmtv.ts.PesHeader;
import java.util.Arrays;

/**
 * Gathers the elementary-stream payload of one PES packet at a time, up to a size bound.
 *
 * <p>A PES with a nonzero PES_packet_length is complete once that many bytes arrived; one with
 * length 0 (unbounded, usual for video) only when its owner says so: at the next PES start, or at
 * a part cut, which the chunker makes right before a video PES starts.
 */
final class PesAssembler {
  private final int maxBytes;
  private final String what;
  private byte[] buf = new byte[64 * 1024];
  private int len;
  private PesHeader header;
  private int expected;

  /** {@code what} names the stream in error messages, e.g. "video PID 256". */
  PesAssembler(int maxBytes, String what) {
    this.maxBytes = maxBytes;
    this.what = what;
  }

  /**
   * Starts a PES from the packet payload b[from, to), which begins with its header. Returns false,
   * leaving nothing open, when the header is malformed.
   */
  boolean begin(byte[] b, int from, int to) {
    clear();
    PesHeader h = PesHeader.parse(b, from, to - from);
    if (h == null) {
      return false;
    }
    header = h;
    expected = h.packetLength() == 0 ? -1 : PesHeader.MIN_LENGTH + h.packetLength() - h.headerLength();
    if (expected < -1) {
      header = null;
      return false;
    }
    append(b, from + h.headerLength(), to);
    return true;
  }

  /** Adds continuation bytes to the open PES; ignored when none is open. */
  void append(byte[] b, int from, int to) {
    if (header == null) {
      return;
    }
    int n = to - from;
    if (expected >= 0 && len + n > expected) {
      n = Math.max(0, expected - len); // stuffing after a bounded PES is not payload
    }
    if (len + n > maxBytes) {
      int had = len + n;
      clear();
      throw new RemuxException(what + ": a PES packet grew past " + maxBytes
          + " bytes (" + had + " so far); frames that large are not remuxed");
    }
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(maxBytes, Math.max(buf.length * 2, len + n)));
    }
    System.arraycopy(b, from, buf, len, n);
    len += n;
  }

  boolean isOpen() {
    return header != null;
  }

  /** The open PES declared its length and all of it arrived. */
  boolean isComplete() {
    return header != null && expected >= 0 && len >= expected;
  }

  /** The open PES declared its length and less than that arrived. */
  boolean isShort() {
    return header != null && expected >= 0 && len < expected;
  }

  boolean isUnbounded() {
    return header != null && expected < 0;
  }

  PesHeader header() {
    return header;
  }

  byte[] buffer() {
    return buf;
  }

  int length() {
    return len;
  }

  /** Bytes still missing from a PES that declared its length. */
  int missing() {
    return expected < 0 ? 0 : expected - len;
  }

  void clear() {
    header = null;
    len = 0;
    expected = -1;
  }
}
