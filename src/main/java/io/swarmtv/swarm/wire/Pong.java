package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * The answer to a {@link Ping}, carrying its nonce back at once.
 *
 * @param nonce the nonce of the ping being answered
 */
public record Pong(long nonce) implements PeerMessage {
  /** Body length: the nonce. */
  public static final int LENGTH = 8;

  @Override
  public MessageType type() {
    return MessageType.PONG;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.putLong(nonce);
  }

  /** Decodes a pong body; see {@link MessageType#decodeBody}. */
  public static Pong decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.PONG, body);
    long nonce = r.getLong("nonce");
    r.finish();
    return new Pong(nonce);
  }
}
