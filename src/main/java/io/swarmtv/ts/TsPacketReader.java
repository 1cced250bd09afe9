package io.swarmtv.ts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads whole, sync-checked 188-byte packets from a byte stream, finding packet alignment at the
 * start and again after any corruption.
 *
 * <p>Alignment is trusted only where three sync bytes stand 188 bytes apart, so a stray 0x47 in
 * payload does not fool it; once aligned, a packet passes only if the packets after it line up
 * too (where buffered). Bytes skipped are counted, never passed on.
 */
public final class TsPacketReader {
  private static final int CONFIRM = 3;

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean synced;
  private long skippedBytes;
  private long resyncs;

  public TsPacketReader(InputStream in) {
    this(in, 64 * 1024);
  }

  public TsPacketReader(InputStream in, int bufferSize) {
    this.in = Objects.requireNonNull(in);
    this.buf = new byte[Math.max(bufferSize, TsPacket.SIZE * (CONFIRM + 1))];
  }

  /** Bytes dropped because they were not part of an aligned packet. */
  public long skippedBytes() {
    return skippedBytes;
  }

  /** Times alignment was lost after having been found. */
  public long resyncs() {
    return resyncs;
  }

  /**
   * Copies up to {@code maxPackets} packets into {@code dst} at {@code off}; blocks until at least
   * one is there. Returns the number copied, or -1 at end of stream.
   */
  public int read(byte[] dst, int off, int maxPackets) throws IOException {
    int n = 0;
    while (n < maxPackets) {
      if (!synced) {
        if (!findAlignment()) {
          break;
        }
        synced = true;
      }
      if (!ensure(TsPacket.SIZE, n == 0)) {
        break;
      }
      ensure(TsPacket.SIZE * (CONFIRM + 1), false); // only what is already there, to confirm with
      if ((buf[pos] & 0xFF) != TsPacket.SYNC || !nextSyncFits()) {
        synced = false;
        resyncs++;
        continue;
      }
      System.arraycopy(buf, pos, dst, off + n * TsPacket.SIZE, TsPacket.SIZE);
      pos += TsPacket.SIZE;
      n++;
    }
    if (n == 0 && eof) {
      skippedBytes += limit - pos; // a truncated last packet
      pos = limit;
      return -1;
    }
    return n;
  }

  /**
   * Whether the packet at {@code pos} stands. If the stream seems to line up again inside its 188
   * bytes (two sync bytes a packet apart), the packet is kept only when its own alignment goes on
   * for the next three packets. So a short run of junk that merely starts with 0x47 is caught, a
   * packet followed by a damaged one is kept, and bytes not yet buffered are never waited for.
   */
  private boolean nextSyncFits() {
    int end = Math.min(pos + TsPacket.SIZE, limit - TsPacket.SIZE);
    for (int p = pos + 1; p < end; p++) {
      if ((buf[p] & 0xFF) == TsPacket.SYNC && (buf[p + TsPacket.SIZE] & 0xFF) == TsPacket.SYNC) {
        return aligned(pos + TsPacket.SIZE);
      }
    }
    return true;
  }

  /** Moves {@code pos} to the first aligned packet start; false when input ends before one. */
  private boolean findAlignment() throws IOException {
    while (true) {
      ensure(TsPacket.SIZE * CONFIRM, true);
      if (limit - pos < TsPacket.SIZE) {
        return false;
      }
      int p = pos;
      while (p < limit && (buf[p] & 0xFF) != TsPacket.SYNC) {
        p++;
      }
      skippedBytes += p - pos;
      pos = p;
      if (p == limit) {
        continue;
      }
      ensure(TsPacket.SIZE * CONFIRM, true);
      if (limit - pos >= TsPacket.SIZE && aligned(pos)) {
        return true;
      }
      pos++;
      skippedBytes++;
    }
  }

  /** Whether packets line up at {@code p} as far as the input shows. */
  private boolean aligned(int p) {
    for (int k = 0; k < CONFIRM; k++) {
      int q = p + k * TsPacket.SIZE;
      if (q >= limit) {
        return eof; // at the end of input, what is there must do
      }
      if ((buf[q] & 0xFF) != TsPacket.SYNC) {
        return false;
      }
    }
    return true;
  }

  /**
   * Makes {@code want} bytes available from {@code pos} if the stream has them. Blocks only when
   * {@code block} is true or nothing is buffered; returns whether {@code want} bytes are there.
   */
  private boolean ensure(int want, boolean block) throws IOException {
    if (limit - pos >= want) {
      return true;
    }
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit - pos < want && !eof) {
      if (!block && in.available() <= 0) {
        return false;
      }
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return limit - pos >= want;
  }
}
