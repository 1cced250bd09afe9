package io.swarmtv.swarm.wire;

/**
 * Sub-stream {@code index} of {@code count}: the chunks whose sequence modulo {@code count} is
 * {@code index}. Splitting the stream lets a peer take each part from a different parent.
 *
 * @param index which sub-stream, 0 ≤ index &lt; count
 * @param count how many sub-streams the stream is split into, 1 to {@value #MAX_COUNT}
 */
public record SubStream(int index, int count) {
  /** Most sub-streams a stream may be split into. */
  public static final int MAX_COUNT = 64;

  /**
   * @throws IllegalArgumentException unless 0 ≤ index &lt; count ≤ {@value #MAX_COUNT}
   */
  public SubStream {
    if (index < 0 || index >= count || count > MAX_COUNT) {
      throw new IllegalArgumentException("sub-stream " + index + " of " + count
          + " breaks 0 <= index < count <= " + MAX_COUNT);
    }
  }

  /** Whether the chunk with {@code sequence} (≥ 0) belongs to this sub-stream. */
  public boolean carries(long sequence) {
    return sequence % count == index;
  }

  /** {@code 2/4}: index over count. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
