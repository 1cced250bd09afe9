package io.swarmtv.swarm.wire;

import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkCodec;
import io.swarmtv.channel.MalformedRecordException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A signed chunk, sent in answer to a {@link Request} or pushed on a {@link Subscribe}d
 * sub-stream. The body is the chunk exactly as {@link ChunkCodec} encodes it; the receiver
 * verifies the signature before storing or relaying it.
 *
 * @param chunk the chunk
 */
public record ChunkMessage(Chunk chunk) implements PeerMessage {
  /** The largest encoded chunk: this message sets the frame bound. */
  public static final int MAX_BODY_LENGTH = ChunkCodec.MAX_LENGTH;

  public ChunkMessage {
    Objects.requireNonNull(chunk, "chunk");
  }

  @Override
  public MessageType type() {
    return MessageType.CHUNK;
  }

  @Override
  public int bodyLength() {
    return ChunkCodec.encodedLength(chunk);
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    ChunkCodec.encode(chunk, out);
  }

  /** Decodes a chunk body; see {@link MessageType#decodeBody}. */
  public static ChunkMessage decodeBody(ByteBuffer body) throws ProtocolException {
    try {
      return new ChunkMessage(ChunkCodec.decode(body));
    } catch (MalformedRecordException e) {
      throw new ProtocolException(MessageType.CHUNK.label() + ": " + e.getMessage(), e);
    }
  }
}
