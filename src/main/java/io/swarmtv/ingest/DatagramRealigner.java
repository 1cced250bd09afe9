package io.swarmtv.ingest;

import io.swarmtv.ts.TsPacket;

/**
 * Turns UDP datagram payloads back into aligned packets. Datagrams of whole packets (the usual
 * 7 x 188 bytes) pass straight through; others are strung together with the partial packet left
 * from the datagram before, as a sender that ignores packet boundaries (ffmpeg without
 * {@code pkt_size=1316} sends 1472-byte datagrams) needs.
 *
 * <p>Unlike {@link io.swarmtv.ts.TsPacketReader}, which once aligned trusts any packet that
 * starts with a sync byte, each packet here must also be followed by one (unless it ends the
 * datagram). A datagram lost from such a stream leaves a packet head followed by the middle of
 * another; that splice is skipped rather than passed on as a packet.
 */
final class DatagramRealigner {
  /** Syncs that must line up, 188 bytes apart, where alignment is searched for anew. */
  private static final int CONFIRM = 3;

  private final byte[] work;
  private int carry;
  private boolean aligned;
  private volatile long skippedBytes;
  private volatile long resyncs;
  private volatile long partialDatagrams;

  DatagramRealigner(int maxDatagram) {
    this.work = new byte[TsPacket.SIZE + maxDatagram];
  }

  long skippedBytes() {
    return skippedBytes;
  }

  long resyncs() {
    return resyncs;
  }

  /** Datagrams that were not a whole number of aligned packets. */
  long partialDatagrams() {
    return partialDatagrams;
  }

  /** Hands the whole packets in {@code len} bytes of payload at {@code off} to {@code sink}. */
  void accept(byte[] b, int off, int len, long arrivalMicros, PacketSink sink) {
    if (carry == 0 && wholePackets(b, off, len)) {
      aligned = true;
      if (len > 0) {
        sink.accept(b, off, len / TsPacket.SIZE, arrivalMicros);
      }
      return;
    }
    if (len % TsPacket.SIZE != 0 || !wholePackets(b, off, len)) {
      partialDatagrams++;
    }
    System.arraycopy(b, off, work, carry, len);
    int n = carry + len;
    int p = 0;
    int run = 0; // start of the packets found in a row, handed on together
    while (n - p >= TsPacket.SIZE) {
      if (aligned ? followedBySync(p, n) : confirmed(p, n)) {
        aligned = true;
        p += TsPacket.SIZE;
        continue;
      }
      if (p > run) {
        sink.accept(work, run, (p - run) / TsPacket.SIZE, arrivalMicros);
      }
      if (aligned) {
        resyncs++;
        aligned = false;
      }
      int q = p + 1;
      while (q < n && !((work[q] & 0xFF) == TsPacket.SYNC && (n - q < TsPacket.SIZE || confirmed(q, n)))) {
        q++;
      }
      skippedBytes += q - p;
      p = q;
      run = p;
    }
    if (p > run) {
      sink.accept(work, run, (p - run) / TsPacket.SIZE, arrivalMicros);
    }
    int tail = n - p;
    if (tail > 0 && (work[p] & 0xFF) == TsPacket.SYNC) {
      System.arraycopy(work, p, work, 0, tail);
      carry = tail;
    } else {
      skippedBytes += tail;
      carry = 0;
    }
  }

  private static boolean wholePackets(byte[] b, int off, int len) {
    if (len % TsPacket.SIZE != 0) {
      return false;
    }
    for (int p = off; p < off + len; p += TsPacket.SIZE) {
      if ((b[p] & 0xFF) != TsPacket.SYNC) {
        return false;
      }
    }
    return true;
  }

  /** In step: the packet at {@code p} starts with a sync and so does what follows it, if anything. */
  private boolean followedBySync(int p, int n) {
    int next = p + TsPacket.SIZE;
    return (work[p] & 0xFF) == TsPacket.SYNC && (next >= n || (work[next] & 0xFF) == TsPacket.SYNC);
  }

  /**
   * Searching: syncs stand at {@code p} and every 188 bytes on, {@link #CONFIRM} of them or as
   * many as the data holds, and a packet that is the last in the data ends exactly at its end.
   */
  private boolean confirmed(int p, int n) {
    for (int k = 0; k < CONFIRM; k++) {
      int q = p + k * TsPacket.SIZE;
      if (q >= n) {
        return q == n;
      }
      if (n - q < TsPacket.SIZE && k > 0) {
        return (work[q] & 0xFF) == TsPacket.SYNC; // a partial packet starting right is a fine sign
      }
      if ((work[q] & 0xFF) != TsPacket.SYNC) {
        return false;
      }
    }
    return true;
  }
}
