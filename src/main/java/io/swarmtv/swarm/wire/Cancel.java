package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Withdraws an earlier {@link Request} for these sequences, e.g. because another peer sent them
 * first. Chunks already on their way still arrive.
 *
 * @param sequences 1 to {@value #MAX_SEQUENCES} sequences, none negative
 */
public record Cancel(List<Long> sequences) implements PeerMessage {
  /** Most sequences in one message; send several to cancel more. */
  public static final int MAX_SEQUENCES = SequenceList.MAX;
  /** Count (1), sequences (8 each). */
  public static final int MAX_BODY_LENGTH = SequenceList.MAX_BODY_LENGTH;

  /**
   * @throws IllegalArgumentException if there are none, too many, or one is negative
   */
  public Cancel {
    sequences = SequenceList.check(sequences);
  }

  /** A cancel for {@code sequences}. */
  public static Cancel of(long... sequences) {
    return new Cancel(Arrays.stream(sequences).boxed().toList());
  }

  @Override
  public MessageType type() {
    return MessageType.CANCEL;
  }

  @Override
  public int bodyLength() {
    return SequenceList.bodyLength(sequences);
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    SequenceList.encode(sequences, out);
  }

  /** Decodes a cancel body; see {@link MessageType#decodeBody}. */
  public static Cancel decodeBody(ByteBuffer body) throws ProtocolException {
    return new Cancel(SequenceList.decode(MessageType.CANCEL, body));
  }
}
