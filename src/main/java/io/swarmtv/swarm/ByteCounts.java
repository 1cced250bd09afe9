package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.MessageType;
import java.util.EnumMap;
import java.util.Map;

/** Bytes sent and received, split into chunk payload and everything else (the protocol's cost). */
final class ByteCounts {
  long payloadUp;
  long payloadDown;
  long controlUp;
  long controlDown;
  /** Non-payload bytes sent, per message type: where the protocol's cost goes. */
  private final long[] controlUpByType = new long[MessageType.values().length];

  /** A frame of {@code frameBytes} and {@code type} went out, {@code payloadBytes} of it chunk payload. */
  void sent(MessageType type, int payloadBytes, int frameBytes) {
    payloadUp += payloadBytes;
    controlUp += frameBytes - payloadBytes;
    controlUpByType[type.ordinal()] += frameBytes - payloadBytes;
  }

  /** A frame of {@code frameBytes} came in, {@code payloadBytes} of it chunk payload. */
  void received(int payloadBytes, int frameBytes) {
    payloadDown += payloadBytes;
    controlDown += frameBytes - payloadBytes;
  }

  /** Non-payload bytes sent per message type, types never sent left out. */
  Map<MessageType, Long> controlUpByType() {
    Map<MessageType, Long> out = new EnumMap<>(MessageType.class);
    for (MessageType t : MessageType.values()) {
      if (controlUpByType[t.ordinal()] > 0) out.put(t, controlUpByType[t.ordinal()]);
    }
    return out;
  }
}
