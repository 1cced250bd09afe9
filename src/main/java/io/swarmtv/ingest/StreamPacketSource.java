package io.swarmtv.ingest;

import io.swarmtv.ts.PacketSource;
import io.swarmtv.ts.TsPacketReader;
import java.io.IOException;
import java.io.InputStream;

/** Aligned packets from a byte stream, realigned by {@link TsPacketReader}; closing closes the stream. */
public final class StreamPacketSource implements PacketSource {
  private final InputStream in;
  private final TsPacketReader reader;

  public StreamPacketSource(InputStream in) {
    this.in = in;
    this.reader = new TsPacketReader(in);
  }

  @Override
  public int read(byte[] dst, int off, int maxPackets) throws IOException {
    return reader.read(dst, off, maxPackets);
  }

  @Override
  public long skippedBytes() {
    return reader.skippedBytes();
  }

  @Override
  public long resyncs() {
    return reader.resyncs();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
