package io.swarmtv.ts;

/**
 * Reads the bits of a NAL unit's payload straight from Annex B bytes.
 *
 * <p>Emulation-prevention bytes are dropped on the fly so no unescaped copy is made. Reading past
 * the end yields zero bits and sets {@link #failed()} instead of throwing, so a parser can read a
 * run of fields and check once; every loop a parser drives from read values must still be bounded
 * by the caller, since zeros keep coming.
 */
public final class RbspReader {
  private final byte[] buf;
  private final int end;
  private int pos;
  private int cur;
  private int bitsLeft;
  private int zeros;
  private boolean failed;

  public RbspReader(byte[] buf, int from, int end) {
    this.buf = buf;
    this.pos = from;
    this.end = end;
  }

  /**
   * Whether a read went past the end or met an Exp-Golomb code no field can have, so the values
   * read since are made up.
   */
  public boolean failed() {
    return failed;
  }

  private boolean load() {
    if (pos >= end) {
      failed = true;
      return false;
    }
    int b = buf[pos++] & 0xFF;
    if (b == 3 && zeros >= 2) {
      zeros = 0;
      if (pos >= end) {
        failed = true;
        return false;
      }
      b = buf[pos++] & 0xFF;
    }
    zeros = b == 0 ? zeros + 1 : 0;
    cur = b;
    bitsLeft = 8;
    return true;
  }

  public int bit() {
    if (bitsLeft == 0 && !load()) {
      return 0;
    }
    bitsLeft--;
    return (cur >>> bitsLeft) & 1;
  }

  public boolean flag() {
    return bit() != 0;
  }

  /** Reads n bits, n at most 32, as an unsigned value. */
  public long bits(int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  public void skip(int n) {
    for (int i = 0; i < n; i++) {
      bit();
    }
  }

  /**
   * Reads an unsigned Exp-Golomb code; -1 when it has more than 31 leading zeros, which no field
   * may have and which is also what a run of zeros past the end looks like.
   */
  public long ue() {
    int lz = 0;
    while (bit() == 0) {
      if (++lz > 31) {
        failed = true;
        return -1;
      }
    }
    return (1L << lz) - 1 + bits(lz);
  }

  /** Reads a signed Exp-Golomb code; {@link Long#MIN_VALUE} when the code is invalid. */
  public long se() {
    long k = ue();
    if (k < 0) {
      return Long.MIN_VALUE;
    }
    return (k & 1) != 0 ? (k + 1) >> 1 : -(k >> 1);
  }

  public int u8() {
    return (int) bits(8);
  }
}
