package io.swarmtv.swarm.wire;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random and mutated input: decoding ends in messages or a {@link ProtocolException},
 * nothing else, and allocates in proportion to the bytes it was given, never to the lengths and
 * counts they claim.
 */
class RandomInputTest {
  /**
   * Allowed allocation for decoding {@code n} bytes: the decoded messages (copies of payloads,
   * boxed sequences, address objects: at most a few times the bytes they came from) plus a fixed
   * allowance for parsing a handshake's key and building an exception. Claimed lengths in random
   * input go up to 4 GiB, so a decoder that trusted one would blow far past this.
   */
  private static long allocationBudget(int n) {
    return 40 * 1024 + 8L * n;
  }

  /** Allowed allocation for rejecting a frame whose claims are not backed by bytes. */
  private static final long REJECTION_BUDGET = 8 * 1024;

  private static final com.sun.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;

  private static byte[] validStream;

  @BeforeAll
  static void setUp() {
    validStream = SampleMessages.concat(SampleMessages.stream());
  }

  static IntStream seeds() {
    return IntStream.range(0, 300);
  }

  /** Entirely random bytes: mostly a wild length field. */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomBytes(int seed) {
    Random random = new Random(seed);
    byte[] input = new byte[random.nextInt(seed % 10 == 0 ? 40_000 : 200)];
    random.nextBytes(input);
    check(input);
  }

  /** A plausible header for a random type, core or extension, then a random body. */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomBodiesBehindPlausibleHeaders(int seed) {
    Random random = new Random(seed);
    int code = seed % 2 == 0 ? random.nextInt(MessageType.values().length) : random.nextInt(256);
    MessageType type = MessageType.forCode(code);
    int maxBody = type != null ? type.maxBodyLength() : MessageCodec.MAX_FRAME_LENGTH - 1;
    byte[] body = new byte[random.nextInt(maxBody + 1)];
    random.nextBytes(body);
    if (body.length > 0 && random.nextBoolean()) {
      body[0] = (byte) random.nextInt(4); // small counts and lengths get further into a body
    }
    byte[] frame = MessageCodecTest.frame(code, body);
    check(frame);
    // The same after a handshake, where the Netty decoder accepts every type.
    check(MessageCodecTest.concat(MessageCodec.encode(SampleMessages.handshake()), frame));
  }

  /** Valid frames with a few bytes changed: errors deep inside otherwise good messages. */
  @ParameterizedTest
  @MethodSource("seeds")
  void mutatedValidFrames(int seed) {
    Random random = new Random(seed);
    byte[] input = validStream.clone();
    int changes = 1 + random.nextInt(8);
    for (int i = 0; i < changes; i++) {
      int at = random.nextInt(input.length);
      input[at] = random.nextBoolean()
          ? (byte) (input[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
    }
    if (random.nextInt(4) == 0) {
      input = Arrays.copyOf(input, random.nextInt(input.length));
    }
    check(input);
  }

  private static void check(byte[] input) {
    decodePlain(input); // the first run loads classes and links call sites
    long allocated = allocatedBy(() -> decodePlain(input));
    if (allocated >= 0) {
      assertTrue(allocated <= allocationBudget(input.length),
          "decoding " + input.length + " bytes allocated " + allocated + " bytes");
    }
    decodeInNetty(input);
  }

  private static void decodePlain(byte[] input) {
    try {
      MessageCodec.decode(ByteBuffer.wrap(input));
    } catch (ProtocolException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
    } catch (Throwable t) {
      throw new AssertionError("not a ProtocolException", t);
    }
  }

  /**
   * In random-sized pieces through the decoder: only messages, then maybe one ProtocolException;
   * or, if the input ends inside a frame, the close reports that.
   */
  private static void decodeInNetty(byte[] input) {
    Random random = new Random(input.length);
    EmbeddedChannel channel = new EmbeddedChannel(new PeerMessageDecoder());
    Throwable failure = null;
    for (int i = 0; i < input.length && failure == null; ) {
      int n = Math.min(input.length - i, 1 + random.nextInt(3000));
      try {
        channel.writeInbound(Unpooled.wrappedBuffer(input, i, n));
      } catch (Throwable t) {
        failure = t;
      }
      i += n;
    }
    if (failure != null) {
      assertInstanceOf(ProtocolException.class, failure);
      channel.finish(); // throws if the decoder reported anything more after the error
    } else {
      try {
        channel.finish();
      } catch (PrematureChannelClosureException endedInsideAFrame) {
        assertTrue(endedInsideAFrame.getMessage().startsWith("connection closed inside a frame"));
      }
    }
    for (Object m; (m = channel.readInbound()) != null; ) {
      assertInstanceOf(PeerMessage.class, m);
    }
  }

  /** Bytes the current thread allocates while running {@code action}, or -1 if unmeasurable. */
  private static long allocatedBy(Runnable action) {
    if (THREADS == null || !THREADS.isThreadAllocatedMemorySupported()) {
      action.run();
      return -1;
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    action.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void allocationIsMeasurableHere() {
    assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported());
    byte[] big = MessageCodec.encode(SampleMessages.fullChunk());
    decodePlain(big);
    long allocated = allocatedBy(() -> decodePlain(big));
    assertTrue(allocated >= 16 * 1024, "a 16 KiB payload shows up: " + allocated);
    assertTrue(allocated <= allocationBudget(big.length), "and fits the budget: " + allocated);
  }

  @Test
  void claimsNotBackedByBytesCostAlmostNothing() {
    assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported());
    byte[] chunk = MessageCodec.encode(SampleMessages.fullChunk());
    List<byte[]> claims = List.of(
        Arrays.copyOf(chunk, 100), // the frame claims 16478 bytes
        MessageCodecTest.frame(0x08, Arrays.copyOf(chunk, 200)), // the chunk claims 16384
        MessageCodecTest.frame(0x04, SampleMessages.hex("0000000000000000 1000")), // 4096 bits
        MessageCodecTest.frame(0x0B, SampleMessages.hex("32")), // 50 addresses
        MessageCodecTest.frame(0x0C, SampleMessages.hex("00000000000000000000000000000000 ffff")),
        SampleMessages.hex("ffffffff 08"));
    for (byte[] claim : claims) {
      decodePlain(claim);
      long allocated = allocatedBy(() -> decodePlain(claim));
      assertTrue(allocated <= REJECTION_BUDGET,
          HexFormat.of().formatHex(claim, 0, Math.min(claim.length, 20)) + "... allocated "
              + allocated);
    }
  }
}
