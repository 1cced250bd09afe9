package io.swarmtv.swarm;

/** Bytes sent and received, split into chunk payload and everything else (the protocol's cost). */
final class ByteCounts {
  long payloadUp;
  long payloadDown;
  long controlUp;
  long controlDown;

  /** A frame of {@code frameBytes} went out, {@code payloadBytes} of it chunk payload. */
  void sent(int payloadBytes, int frameBytes) {
    payloadUp += payloadBytes;
    controlUp += frameBytes - payloadBytes;
  }

  /** A frame of {@code frameBytes} came in, {@code payloadBytes} of it chunk payload. */
  void received(int payloadBytes, int frameBytes) {
    payloadDown += payloadBytes;
    controlDown += frameBytes - payloadBytes;
  }
}
