package io.swarmtv.ingest;

import io.swarmtv.ts.TsPacket;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;

/**
 * A live byte stream (standard input, an HTTP body, UDP datagrams strung together) read as
 * packets, each stamped with its arrival time.
 */
public final class StreamFeed implements Feed {
  private final String description;
  private final InputStream in;
  private final MicrosClock arrivalClock;
  private volatile boolean closed;
  private volatile long skippedBytes;
  private volatile long resyncs;

  /**
   * @param arrivalClock read after each packet is complete; UDP passes the arrival time of the
   *     latest datagram here rather than the time the packet was taken from the socket buffer
   */
  public StreamFeed(String description, InputStream in, MicrosClock arrivalClock) {
    this.description = description;
    this.in = in;
    this.arrivalClock = arrivalClock;
  }

  /**
   * Standard input, read through a channel so that interrupting the ingest thread unblocks a read
   * that a plain {@code System.in} would sit in forever.
   */
  public static StreamFeed standardInput(MicrosClock clock) {
    return new StreamFeed("-", Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel()), clock);
  }

  @Override
  public void run(PacketSink sink) throws IOException {
    byte[] packet = new byte[TsPacket.SIZE];
    try (StreamPacketSource source = new StreamPacketSource(in)) {
      while (!closed) {
        int n;
        try {
          // One packet per call: the reader holds back packets it has while it blocks for more
          // whenever its buffer runs dry, which on a live input would delay them indefinitely.
          n = source.read(packet, 0, 1);
        } catch (IOException e) {
          if (closed) {
            return;
          }
          throw e;
        } finally {
          skippedBytes = source.skippedBytes();
          resyncs = source.resyncs();
        }
        if (n < 0) {
          return;
        }
        if (n > 0) {
          sink.accept(packet, 0, n, arrivalClock.nowMicros());
        }
      }
    }
  }

  @Override
  public long skippedBytes() {
    return skippedBytes;
  }

  @Override
  public long resyncs() {
    return resyncs;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      // closing is best effort: the reader thread sees `closed` and stops either way
    }
  }
}
