package io.swarmtv.swarm.wire;

/**
 * The protocol versions a peer speaks, {@code min} to {@code max} inclusive, as sent in its
 * {@link Handshake}.
 *
 * @param min lowest version spoken, 1 to 65535
 * @param max highest version spoken, {@code min} to 65535
 */
public record VersionRange(int min, int max) {
  /** Version 1: the messages described in {@code docs/protocol.md}. */
  public static final int V1 = 1;

  /** What this build speaks. */
  public static final VersionRange SUPPORTED = new VersionRange(V1, V1);

  /** Largest version number the handshake's 2-byte fields can carry. */
  public static final int MAX_VERSION = 0xFFFF;

  /**
   * @throws IllegalArgumentException if {@code min} is 0, {@code max} is below {@code min} or
   *     either does not fit two bytes
   */
  public VersionRange {
    if (min < 1 || max > MAX_VERSION || min > max) {
      throw new IllegalArgumentException(
          "version range " + min + ".." + max + " must satisfy 1 <= min <= max <= " + MAX_VERSION);
    }
  }

  /**
   * The version a session between this side and {@code theirs} speaks: the highest one in both
   * ranges. Both sides compute the same answer from the two handshakes, so nothing more is sent.
   *
   * @throws IncompatibleVersionException naming both ranges if they do not overlap
   */
  public int negotiate(VersionRange theirs) throws IncompatibleVersionException {
    int highest = Math.min(max, theirs.max);
    if (highest < Math.max(min, theirs.min)) {
      throw new IncompatibleVersionException(this, theirs);
    }
    return highest;
  }

  /** Whether {@code version} is in the range. */
  public boolean contains(int version) {
    return version >= min && version <= max;
  }

  /** {@code 1..3}, or {@code 1} for a single version. */
  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + ".." + max;
  }
}
