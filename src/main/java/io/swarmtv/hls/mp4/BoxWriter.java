package io.swarmtv.hls.mp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes ISO BMFF boxes big-endian into a growing array; a box's size is patched when it ends. */
final class BoxWriter {
  private byte[] buf;
  private int len;

  BoxWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** Opens a box of the four-character {@code type}; returns the handle {@link #end} takes. */
  int start(String type) {
    int at = len;
    u32(0);
    fourcc(type);
    return at;
  }

  /** Opens a full box (with version and 24-bit flags). */
  int startFull(String type, int version, int flags) {
    int at = start(type);
    u32(((long) version << 24) | (flags & 0xFFFFFF));
    return at;
  }

  void end(int box) {
    int size = len - box;
    buf[box] = (byte) (size >>> 24);
    buf[box + 1] = (byte) (size >>> 16);
    buf[box + 2] = (byte) (size >>> 8);
    buf[box + 3] = (byte) size;
  }

  int position() {
    return len;
  }

  /** Overwrites the 32-bit value at {@code at}, written earlier as a placeholder. */
  void patchU32(int at, long v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  void u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
  }

  void u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void u24(int v) {
    ensure(3);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void u32(long v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void u64(long v) {
    u32(v >>> 32);
    u32(v & 0xFFFFFFFFL);
  }

  void zeros(int n) {
    ensure(n);
    Arrays.fill(buf, len, len + n, (byte) 0);
    len += n;
  }

  void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  void bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void fourcc(String type) {
    byte[] b = type.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length != 4) {
      throw new IllegalArgumentException("box type must be four characters: " + type);
    }
    bytes(b);
  }

  /** The 3x3 unity transformation matrix of mvhd and tkhd. */
  void unityMatrix() {
    int[] m = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
    for (int v : m) {
      u32(v & 0xFFFFFFFFL);
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
