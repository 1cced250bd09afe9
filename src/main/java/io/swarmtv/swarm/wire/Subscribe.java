package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Asks the peer to push, unasked, every chunk of a sub-stream from {@code fromSequence} on as soon
 * as it holds it. Only sent to peers whose handshake has {@link Capabilities#PUSH_SUBSTREAMS}.
 *
 * @param subStream which chunks to push
 * @param fromSequence the first sequence wanted, ≥ 0; the peer starts at the first chunk of the
 *     sub-stream at or after it that it holds or later receives
 */
public record Subscribe(SubStream subStream, long fromSequence) implements PeerMessage {
  /** Index (1), count (1), from sequence (8). */
  public static final int LENGTH = 1 + 1 + 8;

  /**
   * @throws IllegalArgumentException if {@code fromSequence} is negative
   */
  public Subscribe {
    Objects.requireNonNull(subStream, "subStream");
    if (fromSequence < 0) {
      throw new IllegalArgumentException("from sequence " + fromSequence + " is negative");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.SUBSCRIBE;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.put((byte) subStream.index()).put((byte) subStream.count()).putLong(fromSequence);
  }

  /** Decodes a subscribe body; see {@link MessageType#decodeBody}. */
  public static Subscribe decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.SUBSCRIBE, body);
    int index = r.getUnsignedByte("sub-stream index");
    int count = r.getUnsignedByte("sub-stream count");
    long from = r.getLong("from sequence");
    r.finish();
    try {
      return new Subscribe(new SubStream(index, count), from);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }
}
