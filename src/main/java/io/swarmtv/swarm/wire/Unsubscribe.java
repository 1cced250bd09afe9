package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Asks the peer to stop pushing a sub-stream it was asked for with {@link Subscribe}.
 *
 * @param subStream the sub-stream, as subscribed
 */
public record Unsubscribe(SubStream subStream) implements PeerMessage {
  /** Index (1), count (1). */
  public static final int LENGTH = 2;

  public Unsubscribe {
    Objects.requireNonNull(subStream, "subStream");
  }

  @Override
  public MessageType type() {
    return MessageType.UNSUBSCRIBE;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.put((byte) subStream.index()).put((byte) subStream.count());
  }

  /** Decodes an unsubscribe body; see {@link MessageType#decodeBody}. */
  public static Unsubscribe decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.UNSUBSCRIBE, body);
    int index = r.getUnsignedByte("sub-stream index");
    int count = r.getUnsignedByte("sub-stream count");
    r.finish();
    try {
      return new Unsubscribe(new SubStream(index, count));
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }
}
