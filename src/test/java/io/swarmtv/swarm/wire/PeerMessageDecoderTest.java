package io.swarmtv.swarm.wire;

import static io.swarmtv.swarm.wire.MessageCodecTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Netty handlers on an {@link EmbeddedChannel}: encoder output fed back to the decoder. */
class PeerMessageDecoderTest {
  private static final byte[] HANDSHAKE = MessageCodec.encode(SampleMessages.handshake());

  /** Keeps messages and exception events in the order they arrive. */
  private static final class Recorder extends ChannelInboundHandlerAdapter {
    final List<Object> events = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      events.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      events.add(cause);
    }
  }

  private static EmbeddedChannel decoding() {
    return new EmbeddedChannel(new PeerMessageDecoder());
  }

  /** A channel that has already read a handshake, ready for any other message. */
  private static EmbeddedChannel afterHandshake() {
    EmbeddedChannel channel = decoding();
    channel.writeInbound(Unpooled.wrappedBuffer(HANDSHAKE));
    assertEquals(SampleMessages.handshake(), channel.readInbound());
    return channel;
  }

  private static byte[] encodeThroughPipeline(List<PeerMessage> messages) {
    EmbeddedChannel encoder = new EmbeddedChannel(new PeerMessageEncoder());
    for (PeerMessage m : messages) {
      assertTrue(encoder.writeOutbound(m));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf buf; (buf = encoder.readOutbound()) != null; ) {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      buf.release();
      out.writeBytes(bytes);
    }
    assertFalse(encoder.finish());
    return out.toByteArray();
  }

  private static List<Object> readAll(EmbeddedChannel channel) {
    List<Object> messages = new ArrayList<>();
    for (Object m; (m = channel.readInbound()) != null; ) {
      messages.add(m);
    }
    return messages;
  }

  private static ProtocolException rejection(EmbeddedChannel channel, byte[] bytes) {
    return assertThrows(ProtocolException.class,
        () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
  }

  @Test
  void everyMessageRoundTripsThroughEncoderAndDecoder() {
    List<PeerMessage> all = SampleMessages.stream();
    byte[] bytes = encodeThroughPipeline(all);
    assertTrue(Arrays.equals(SampleMessages.concat(all), bytes),
        "the encoder writes MessageCodec's bytes");
    EmbeddedChannel channel = decoding();
    channel.writeInbound(Unpooled.wrappedBuffer(bytes)); // several frames in one buffer
    assertEquals(all, readAll(channel));
    assertFalse(channel.finish());
  }

  @Test
  void encoderWritesIntoHeapAndCompositeBuffersAlike() {
    PeerMessageEncoder encoder = new PeerMessageEncoder();
    EmbeddedChannel channel = new EmbeddedChannel(encoder);
    ChannelHandlerContext ctx = channel.pipeline().firstContext();
    for (ByteBuf out : List.of(Unpooled.buffer(), Unpooled.compositeBuffer(),
        Unpooled.directBuffer(3).writeBytes(new byte[] {1, 2, 3}).skipBytes(3))) {
      PeerMessage m = SampleMessages.fullChunk();
      encoder.encode(ctx, m, out);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      out.release();
      assertTrue(Arrays.equals(MessageCodec.encode(m), bytes), out.getClass().getSimpleName());
    }
  }

  @Test
  void framesSplitAtEveryByteBoundaryDecode() {
    EmbeddedChannel channel = decoding();
    List<PeerMessage> messages = SampleMessages.oneOfEach();
    for (PeerMessage m : messages) {
      byte[] bytes = MessageCodec.encode(m);
      // The handshake only once, so only its first split is tried; every other frame at every one.
      int lastSplit = m instanceof Handshake ? 0 : bytes.length;
      for (int split = 0; split <= lastSplit; split++) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
        if (split < bytes.length) {
          assertNull(channel.readInbound(), m + " split at " + split);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
        assertEquals(m, channel.readInbound(), m + " split at " + split);
      }
    }
    assertFalse(channel.finish());
  }

  @Test
  void allFramesFedOneByteAtATime() {
    List<PeerMessage> all = SampleMessages.stream();
    byte[] bytes = SampleMessages.concat(all);
    EmbeddedChannel channel = decoding();
    for (int i = 0; i < bytes.length; i++) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
    }
    assertEquals(all, readAll(channel));
  }

  @Test
  void anOversizeLengthIsRejectedAsSoonAsItsFourBytesArrive() {
    EmbeddedChannel channel = afterHandshake();
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x7F, 0x00}));
    ProtocolException e = rejection(channel, new byte[] {0x00, 0x00});
    assertEquals("frame length 2130706432 over the maximum 16478 (type byte and the largest chunk)",
        e.getMessage());
  }

  @Test
  void aTypesBoundIsCheckedAsSoonAsTheTypeByteArrives() {
    EmbeddedChannel channel = afterHandshake();
    assertEquals("ping frame length 100 over the maximum 9 (type byte and 8 body bytes)",
        rejection(channel, MessageCodecTest.frame(100, 0x02, new byte[0])).getMessage());
  }

  @Test
  void afterAnErrorTheDecoderDiscardsEverything() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(new PeerMessageDecoder(), recorder);
    byte[] good = MessageCodecTest.concat(HANDSHAKE, MessageCodec.encode(new Have(3)));
    byte[] bad = frame(0x3F, new byte[2]);
    byte[] after = MessageCodec.encode(new Ping(1));
    channel.writeInbound(Unpooled.wrappedBuffer(MessageCodecTest.concat(good, bad, after)));
    channel.writeInbound(Unpooled.wrappedBuffer(after));
    assertEquals(3, recorder.events.size(), recorder.events.toString());
    assertEquals(SampleMessages.handshake(), recorder.events.get(0));
    assertEquals(new Have(3), recorder.events.get(1));
    ProtocolException e = assertInstanceOf(ProtocolException.class, recorder.events.get(2));
    assertEquals("unknown core message type 0x3f: codes below 0x40 must be known to every peer",
        e.getMessage());
    assertFalse(channel.finish(), "nothing more, not even at close");
  }

  @Test
  void theFirstFrameMustBeTheOnlyHandshake() {
    assertEquals("first frame is have, expected a handshake",
        rejection(decoding(), MessageCodec.encode(new Have(1))).getMessage());
    assertEquals("first frame is extension 0x40, expected a handshake",
        rejection(decoding(), frame(0x40, new byte[0])).getMessage());
    assertEquals("second handshake: a peer sends one, first",
        rejection(afterHandshake(), HANDSHAKE).getMessage());
  }

  @Test
  void anUnknownExtensionIsSkippedEvenWhenSplitAndTheNextMessageDecodes() {
    EmbeddedChannel channel = afterHandshake();
    byte[] extension = frame(0x77, new byte[5000]);
    byte[] bytes = MessageCodecTest.concat(extension, MessageCodec.encode(new Have(9)));
    for (int i = 0; i < bytes.length; i += 777) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(777, bytes.length - i)));
    }
    assertEquals(List.of(new Have(9)), readAll(channel));
    assertFalse(channel.finish());
  }

  @Test
  void errorsFromTheBodyDecodersArriveAsTheyAre() {
    assertEquals("subscribe: sub-stream 4 of 4 breaks 0 <= index < count <= 64",
        rejection(afterHandshake(), frame(0x09, SampleMessages.hex("04 04 0000000000000000")))
            .getMessage());
    assertEquals("request: count 33 over the maximum 32",
        rejection(afterHandshake(), frame(0x06, SampleMessages.hex("21"))).getMessage());
    assertEquals("goodbye: 1 trailing bytes after a 2-byte body",
        rejection(afterHandshake(), frame(0x01, SampleMessages.hex("00 00 00"))).getMessage());
  }

  @Test
  void closingInsideAFrameIsReportedButNotAsAProtocolError() {
    for (PeerMessage m : SampleMessages.oneOfEach()) {
      if (m instanceof Handshake) {
        continue;
      }
      byte[] bytes = MessageCodec.encode(m);
      for (int length = 1; length < bytes.length; length++) {
        EmbeddedChannel channel = afterHandshake();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, length));
        String expected = length < 5
            ? length + " of the 5 header bytes"
            : length + " of the " + bytes.length + " bytes of a " + m.type().label() + " frame";
        assertEquals("connection closed inside a frame: " + expected,
            assertThrows(PrematureChannelClosureException.class, channel::finish).getMessage());
      }
    }
  }

  @Test
  void closingInsideAnExtensionFrameIsReported() {
    EmbeddedChannel channel = afterHandshake();
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x40, new byte[10]), 0, 8));
    assertEquals("connection closed inside a frame: 7 bytes of an extension frame missing",
        assertThrows(PrematureChannelClosureException.class, channel::finish).getMessage());
  }

  @Test
  void closingBetweenFramesIsClean() {
    EmbeddedChannel channel = afterHandshake();
    channel.writeInbound(Unpooled.wrappedBuffer(MessageCodec.encode(new Have(1))));
    assertTrue(channel.finish(), "finishes without an exception, the have still to be read");
    assertEquals(new Have(1), channel.readInbound());
  }
}
