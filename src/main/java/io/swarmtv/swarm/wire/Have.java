package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * The sender now holds the chunk with this sequence: an update to its {@link BufferMap}.
 *
 * @param sequence the chunk's sequence, ≥ 0
 */
public record Have(long sequence) implements PeerMessage {
  /** Body length: the sequence. */
  public static final int LENGTH = 8;

  /**
   * @throws IllegalArgumentException if {@code sequence} is negative
   */
  public Have {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is negative");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HAVE;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.putLong(sequence);
  }

  /** Decodes a have body; see {@link MessageType#decodeBody}. */
  public static Have decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.HAVE, body);
    long sequence = r.getLong("sequence");
    r.finish();
    try {
      return new Have(sequence);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }
}
