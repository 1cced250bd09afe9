package io.swarmtv.ts;

import java.io.ByteArrayOutputStream;

/** Writes hand-built NAL units bit by bit, for parameter sets no encoder at hand produces. */
final class NalWriter {
  private final ByteArrayOutputStream rbsp = new ByteArrayOutputStream();
  private int cur;
  private int used;

  NalWriter u(int bits, long value) {
    for (int i = bits - 1; i >= 0; i--) {
      cur = (cur << 1) | (int) ((value >>> i) & 1);
      if (++used == 8) {
        rbsp.write(cur);
        cur = 0;
        used = 0;
      }
    }
    return this;
  }

  NalWriter flag(boolean b) {
    return u(1, b ? 1 : 0);
  }

  /** Unsigned Exp-Golomb; values up to 2^32 - 2 and beyond, to write codes no field may have. */
  NalWriter ue(long value) {
    long x = value + 1;
    int len = 64 - Long.numberOfLeadingZeros(x);
    u(len - 1, 0);
    return u(len, x);
  }

  NalWriter se(long value) {
    return ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  NalWriter bytes(int... values) {
    for (int v : values) {
      u(8, v);
    }
    return this;
  }

  /**
   * Finishes the NAL unit: 4-byte start code, the header bytes, then the RBSP with its stop bit
   * and emulation-prevention bytes inserted. The writer is spent afterwards.
   */
  byte[] nal(int... header) {
    u(1, 1);
    while (used != 0) {
      u(1, 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 1});
    for (int h : header) {
      out.write(h);
    }
    int zeros = 0;
    for (byte b : rbsp.toByteArray()) {
      int v = b & 0xFF;
      if (zeros >= 2 && v <= 3) {
        out.write(3);
        zeros = 0;
      }
      out.write(v);
      zeros = v == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  /** The written bytes as they are, for MPEG-1/2 video, which has no emulation prevention. */
  byte[] raw() {
    if (used != 0) {
      throw new IllegalStateException("not byte aligned: " + used + " bits pending");
    }
    return rbsp.toByteArray();
  }

  /** Concatenates NAL units (or any byte runs) into one access unit. */
  static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
