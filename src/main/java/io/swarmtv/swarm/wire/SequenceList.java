package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The body {@link Request} and {@link Cancel} share: a count (1 byte), then that many sequences
 * (8 bytes each).
 */
final class SequenceList {
  static final int MAX = 32;
  static final int MAX_BODY_LENGTH = 1 + MAX * 8;

  private SequenceList() {}

  /** An unmodifiable copy of {@code sequences}: 1 to {@value #MAX} of them, none negative. */
  static List<Long> check(List<Long> sequences) {
    List<Long> copy = List.copyOf(sequences);
    if (copy.isEmpty() || copy.size() > MAX) {
      throw new IllegalArgumentException(
          "sequence count " + copy.size() + " is not 1.." + MAX);
    }
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i) < 0) {
        throw new IllegalArgumentException("sequence " + i + " is negative: " + copy.get(i));
      }
    }
    return copy;
  }

  static int bodyLength(List<Long> sequences) {
    return 1 + 8 * sequences.size();
  }

  static void encode(List<Long> sequences, ByteBuffer out) {
    out.put((byte) sequences.size());
    for (long sequence : sequences) {
      out.putLong(sequence);
    }
  }

  static List<Long> decode(MessageType type, ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(type, body);
    int count = r.getUnsignedByte("count");
    r.checkCount("count", count, MAX);
    List<Long> sequences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sequences.add(r.getLong("sequence " + i));
    }
    r.finish();
    try {
      return check(sequences);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }
}
