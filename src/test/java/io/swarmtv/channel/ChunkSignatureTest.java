package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChunkSignatureTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelKey OTHER = ChannelKey.generate();

  private static Chunk chunk(int payloadLength) {
    byte[] payload = new byte[payloadLength];
    new Random(payloadLength).nextBytes(payload);
    return ChunkSignature.sign(KEY, 42, 1_700_000_000_000_000L, 500_000,
        ChunkFlags.PART_START | ChunkFlags.SEGMENT_START, 3, payload);
  }

  @Test
  void signedBytesLayout() {
    byte[] payload = {10, 20, 30};
    byte[] bytes = ChunkSignature.signedBytes(KEY.id(), 0x0102030405060708L, -2L, 0x0A0B0C0D,
        ChunkFlags.DISCONTINUITY, 0x11223344, payload);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] tag = new byte[16];
    b.get(tag);
    assertEquals("swarmtv/chunk/1\0", new String(tag, StandardCharsets.US_ASCII));
    byte[] id = new byte[32];
    b.get(id);
    assertArrayEquals(KEY.id().bytes(), id);
    assertEquals(0x0102030405060708L, b.getLong());
    assertEquals(-2L, b.getLong());
    assertEquals(0x0A0B0C0D, b.getInt());
    assertEquals(ChunkFlags.DISCONTINUITY, b.get());
    assertEquals(0x11223344, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(77, b.position());
    assertEquals(ChunkSignature.SIGNED_HEADER_LENGTH, b.position());
    assertEquals(10, b.get());
    assertEquals(20, b.get());
    assertEquals(30, b.get());
    assertFalse(b.hasRemaining());
  }

  @Test
  void signedBytesRefuseFlagsThatDoNotFitAByte() {
    assertEquals("chunk flags do not fit a byte: 0x100",
        assertThrows(IllegalArgumentException.class,
            () -> ChunkSignature.signedBytes(KEY.id(), 0, 0, 0, 0x100, 0, new byte[0]))
            .getMessage());
  }

  @Test
  void signatureIsOverTheSignedBytes() throws Exception {
    Chunk c = chunk(100);
    var verifier = java.security.Signature.getInstance("Ed25519");
    verifier.initVerify(KEY.id().publicKey());
    verifier.update(ChunkSignature.signedBytes(KEY.id(), c.sequence(), c.timestampMicros(),
        c.durationMicros(), c.flags(), c.keyEpoch(), c.payload()));
    assertTrue(verifier.verify(c.signature()));
  }

  @Test
  void verifiesWithBothTheStaticMethodAndAVerifier() {
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    for (int length : new int[] {0, 1, 188, Chunk.MAX_PAYLOAD}) {
      Chunk c = chunk(length);
      assertTrue(ChunkSignature.verify(KEY.id(), c), "length " + length);
      assertTrue(verifier.verify(c), "length " + length);
    }
  }

  @Test
  void chunkSignedForOneChannelFailsUnderAnother() {
    Chunk c = chunk(188);
    assertFalse(ChunkSignature.verify(OTHER.id(), c));
    assertFalse(new ChunkVerifier(OTHER.id()).verify(c));
    // Even with the same bytes signed by the other key, the channel id in the message differs.
    Chunk resigned = ChunkSignature.sign(OTHER, c.sequence(), c.timestampMicros(),
        c.durationMicros(), c.flags(), c.keyEpoch(), c.payload());
    assertFalse(ChunkSignature.verify(KEY.id(), resigned));
  }

  @Test
  void everyFieldIsCovered() {
    Chunk c = chunk(188);
    List<UnaryOperator<Chunk>> changes = List.of(
        x -> new Chunk(x.sequence() + 1, x.timestampMicros(), x.durationMicros(), x.flags(),
            x.keyEpoch(), x.payload(), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros() + 1, x.durationMicros(), x.flags(),
            x.keyEpoch(), x.payload(), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros(), x.durationMicros() + 1, x.flags(),
            x.keyEpoch(), x.payload(), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros(), x.durationMicros(),
            x.flags() ^ ChunkFlags.DISCONTINUITY, x.keyEpoch(), x.payload(), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros(), x.durationMicros(), x.flags(),
            x.keyEpoch() + 1, x.payload(), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros(), x.durationMicros(), x.flags(),
            x.keyEpoch(), Arrays.copyOf(x.payload(), x.payload().length - 1), x.signature()),
        x -> new Chunk(x.sequence(), x.timestampMicros(), x.durationMicros(), x.flags(),
            x.keyEpoch(), Arrays.copyOf(x.payload(), x.payload().length + 1), x.signature()));
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    for (int i = 0; i < changes.size(); i++) {
      Chunk changed = changes.get(i).apply(c);
      assertFalse(ChunkSignature.verify(KEY.id(), changed), "change " + i);
      assertFalse(verifier.verify(changed), "change " + i);
    }
  }

  @Test
  void everyPayloadAndSignatureBitFlipFails() {
    Chunk c = chunk(64);
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    for (int i = 0; i < c.payload().length * 8; i++) {
      byte[] payload = c.payload().clone();
      payload[i / 8] ^= (byte) (1 << (i % 8));
      assertFalse(verifier.verify(withPayload(c, payload)), "payload bit " + i);
    }
    for (int i = 0; i < Chunk.SIGNATURE_LENGTH * 8; i++) {
      byte[] signature = c.signature().clone();
      signature[i / 8] ^= (byte) (1 << (i % 8));
      Chunk bad = withSignature(c, signature);
      assertFalse(verifier.verify(bad), "signature bit " + i);
      assertFalse(ChunkSignature.verify(KEY.id(), bad), "signature bit " + i);
    }
    assertTrue(verifier.verify(c));
  }

  @Test
  void verifierRecoversAfterTheJdkThrowsOnAMalformedSignature() {
    Chunk c = chunk(188);
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    byte[] hugeS = c.signature().clone();
    Arrays.fill(hugeS, 32, 64, (byte) 0xFF); // S above the group order: the JDK throws
    assertFalse(verifier.verify(withSignature(c, hugeS)));
    byte[] notAPoint = c.signature().clone();
    Arrays.fill(notAPoint, 0, 32, (byte) 0xFF); // R's y above the field prime
    assertFalse(verifier.verify(withSignature(c, notAPoint)));
    assertTrue(verifier.verify(c), "a failed chunk must not poison the next one");
  }

  @Test
  void randomSignaturesNeverThrow() {
    Chunk c = chunk(10);
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    Random random = new Random(99);
    for (int i = 0; i < 300; i++) {
      byte[] signature = new byte[64];
      random.nextBytes(signature);
      assertFalse(verifier.verify(withSignature(c, signature)));
      assertFalse(ChunkSignature.verify(KEY.id(), withSignature(c, signature)));
    }
  }

  @Test
  void verifierIsSafeAcrossThreads() throws Exception {
    ChunkVerifier verifier = new ChunkVerifier(KEY.id());
    Chunk good = chunk(1000);
    byte[] badSignature = good.signature().clone();
    badSignature[5] ^= 1;
    Chunk bad = withSignature(good, badSignature);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        boolean expectGood = i % 3 != 0;
        Chunk c = expectGood ? good : bad;
        results.add(pool.submit(() -> verifier.verify(c) == expectGood));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Chunk withPayload(Chunk c, byte[] payload) {
    return new Chunk(c.sequence(), c.timestampMicros(), c.durationMicros(), c.flags(),
        c.keyEpoch(), payload, c.signature());
  }

  private static Chunk withSignature(Chunk c, byte[] signature) {
    return new Chunk(c.sequence(), c.timestampMicros(), c.durationMicros(), c.flags(),
        c.keyEpoch(), c.payload(), signature);
  }
}
