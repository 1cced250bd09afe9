package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * Asks the peer to answer with a {@link Pong} carrying the same nonce; the time until it
 * arrives is the round-trip time, which the scheduler uses to choose whom to ask for a chunk.
 *
 * @param nonce any value; the sender picks one it has not used lately
 */
public record Ping(long nonce) implements PeerMessage {
  /** Body length: the nonce. */
  public static final int LENGTH = 8;

  @Override
  public MessageType type() {
    return MessageType.PING;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.putLong(nonce);
  }

  /** Decodes a ping body; see {@link MessageType#decodeBody}. */
  public static Ping decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.PING, body);
    long nonce = r.getLong("nonce");
    r.finish();
    return new Ping(nonce);
  }
}
