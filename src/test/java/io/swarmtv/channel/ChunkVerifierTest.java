package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A chunk verified once is remembered, and the memory never lets anything but an identical chunk through. */
class ChunkVerifierTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelKey OTHER = ChannelKey.generate();

  private static Chunk chunk(long seq) {
    byte[] payload = new byte[1880];
    new Random(seq).nextBytes(payload);
    return ChunkSignature.sign(KEY, seq, 1_700_000_000_000_000L + seq, 40_000, 0, 0, payload);
  }

  @Test
  void anEqualCopyOfAVerifiedChunkVerifies() {
    Chunk c = chunk(1);
    assertTrue(new ChunkVerifier(KEY.id()).verify(c));
    Chunk copy = new Chunk(c.sequence(), c.timestampMicros(), c.durationMicros(), c.flags(), c.keyEpoch(),
        c.payload().clone(), c.signature().clone());
    assertTrue(new ChunkVerifier(KEY.id()).verify(copy));
  }

  @Test
  void aForgeryWithTheSignatureOfAVerifiedChunkIsStillRejected() {
    Chunk c = chunk(2);
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    assertTrue(verifier.verify(c));
    byte[] payload = c.payload().clone();
    payload[100] ^= 1;
    Chunk forged = new Chunk(c.sequence(), c.timestampMicros(), c.durationMicros(), c.flags(), c.keyEpoch(),
        payload, c.signature());
    assertFalse(verifier.verify(forged));
    assertFalse(new ChunkVerifier(KEY.id()).verify(forged));
    Chunk retimed = new Chunk(c.sequence(), c.timestampMicros() + 1, c.durationMicros(), c.flags(), c.keyEpoch(),
        c.payload(), c.signature());
    assertFalse(verifier.verify(retimed));
    assertTrue(verifier.verify(c));
  }

  @Test
  void aChunkVerifiedForOneChannelDoesNotPassForAnother() {
    Chunk c = chunk(3);
    assertTrue(new ChunkVerifier(KEY.id()).verify(c));
    assertFalse(new ChunkVerifier(OTHER.id()).verify(c));
  }
}
