package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * One message of the peer protocol. Each implementation is an immutable record that knows its
 * body layout; {@link MessageCodec} adds the frame around it.
 */
public sealed interface PeerMessage
    permits Handshake, Goodbye, Ping, Pong, BufferMap, Have, Request, Cancel, ChunkMessage,
        Subscribe, Unsubscribe, PeerExchange, MetadataMessage, BufferMapDelta {

  /** The message's type code and bounds. */
  MessageType type();

  /** Length of the encoded body, without the frame's length field and type byte. */
  int bodyLength();

  /**
   * Writes exactly {@link #bodyLength()} bytes at {@code out}'s position, advancing it. {@code out}
   * must be big-endian, as every new, duplicated or sliced {@link ByteBuffer} is, and have room.
   */
  void encodeBody(ByteBuffer out);
}
