package io.swarmtv.swarm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

  @ParameterizedTest(name = "{0}..{1} with {2}..{3} speaks {4}")
  @CsvSource({
      "1, 1, 1, 1, 1",
      "1, 3, 2, 5, 3",
      "2, 5, 1, 3, 3",
      "1, 10, 4, 6, 6",
      "4, 6, 1, 10, 6",
      "1, 2, 2, 9, 2",
      "1, 65535, 65535, 65535, 65535"})
  void overlappingRangesSpeakTheHighestCommonVersion(
      int ourMin, int ourMax, int theirMin, int theirMax, int expected)
      throws IncompatibleVersionException {
    VersionRange ours = new VersionRange(ourMin, ourMax);
    VersionRange theirs = new VersionRange(theirMin, theirMax);
    assertEquals(expected, ours.negotiate(theirs));
    assertEquals(expected, theirs.negotiate(ours), "both sides agree");
  }

  @Test
  void disjointRangesFailNamingBoth() {
    VersionRange ours = new VersionRange(1, 2);
    VersionRange theirs = new VersionRange(3, 4);
    IncompatibleVersionException e =
        assertThrows(IncompatibleVersionException.class, () -> ours.negotiate(theirs));
    assertEquals("no common protocol version: we speak 1..2, the peer speaks 3..4",
        e.getMessage());
    assertEquals(ours, e.ours());
    assertEquals(theirs, e.theirs());
    assertEquals("no common protocol version: we speak 1, the peer speaks 2..7",
        assertThrows(IncompatibleVersionException.class,
            () -> VersionRange.SUPPORTED.negotiate(new VersionRange(2, 7))).getMessage());
    assertEquals("no common protocol version: we speak 5..9, the peer speaks 1..4",
        assertThrows(IncompatibleVersionException.class,
            () -> new VersionRange(5, 9).negotiate(new VersionRange(1, 4))).getMessage());
  }

  @Test
  void aNewerPeersHandshakeStillDecodesAndNegotiatesDown() throws ProtocolException {
    Handshake newer = new Handshake(new VersionRange(1, 4), SampleMessages.KEY.id(),
        PeerId.random(), 7000, -1L);
    Handshake read = (Handshake) MessageCodec.decode(MessageCodec.encode(newer)).get(0);
    assertEquals(1, VersionRange.SUPPORTED.negotiate(read.versions()));
  }

  @Test
  void invalidRanges() {
    for (List<Integer> bad : List.of(List.of(0, 1), List.of(2, 1), List.of(1, 65536),
        List.of(-1, 3))) {
      assertThrows(IllegalArgumentException.class,
          () -> new VersionRange(bad.get(0), bad.get(1)), bad.toString());
    }
    assertEquals("version range 2..1 must satisfy 1 <= min <= max <= 65535",
        assertThrows(IllegalArgumentException.class, () -> new VersionRange(2, 1)).getMessage());
  }
}
