package io.swarmtv.ingest;

/** Receives the aligned packets a {@link Feed} delivers, each batch with the time it arrived. */
public interface PacketSink {

  /**
   * Takes {@code count} consecutive 188-byte packets at {@code off} that arrived at
   * {@code arrivalMicros}. The array is reused once this returns.
   */
  void accept(byte[] b, int off, int count, long arrivalMicros);

  /** The input started again (a looped file reopened): what follows does not continue what came before. */
  void discontinuity();
}
