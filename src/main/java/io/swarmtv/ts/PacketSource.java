package io.swarmtv.ts;

import java.io.Closeable;
import java.io.IOException;

/**
 * Anything that hands out whole, aligned 188-byte MPEG-TS packets: a {@link TsPacketReader}
 * ({@code reader::read} fits), a file, or a source that loops a clip forever.
 */
@FunctionalInterface
public interface PacketSource extends Closeable {

  /**
   * Copies up to {@code maxPackets} packets into {@code dst} at {@code off}; blocks until at least
   * one is there. Returns the number copied, or -1 at end of input.
   */
  int read(byte[] dst, int off, int maxPackets) throws IOException;

  /** Bytes dropped because they were not part of an aligned packet. */
  default long skippedBytes() {
    return 0;
  }

  /** Times alignment was lost after having been found. */
  default long resyncs() {
    return 0;
  }

  @Override
  default void close() throws IOException {}
}
