package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Asks the peer to send the chunks with these sequences, each as a {@link ChunkMessage}. The
 * peer sends those it holds, in any order; a {@link BufferMap} or {@link Have} said which it holds.
 *
 * @param sequences 1 to {@value #MAX_SEQUENCES} sequences, none negative
 */
public record Request(List<Long> sequences) implements PeerMessage {
  /** Most sequences in one message; send several to ask for more. */
  public static final int MAX_SEQUENCES = SequenceList.MAX;
  /** Count (1), sequences (8 each). */
  public static final int MAX_BODY_LENGTH = SequenceList.MAX_BODY_LENGTH;

  /**
   * @throws IllegalArgumentException if there are none, too many, or one is negative
   */
  public Request {
    sequences = SequenceList.check(sequences);
  }

  /** A request for {@code sequences}. */
  public static Request of(long... sequences) {
    return new Request(Arrays.stream(sequences).boxed().toList());
  }

  @Override
  public MessageType type() {
    return MessageType.REQUEST;
  }

  @Override
  public int bodyLength() {
    return SequenceList.bodyLength(sequences);
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    SequenceList.encode(sequences, out);
  }

  /** Decodes a request body; see {@link MessageType#decodeBody}. */
  public static Request decodeBody(ByteBuffer body) throws ProtocolException {
    return new Request(SequenceList.decode(MessageType.REQUEST, body));
  }
}
