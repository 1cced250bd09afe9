package io.swarmtv.swarm.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.util.List;

/**
 * Turns a peer's byte stream into {@link PeerMessage}s, one connection per instance.
 *
 * <p>The first frame must be a {@link Handshake}, and only the first. A length is checked as soon
 * as its 4 bytes arrive and a type as soon as its byte does, so a peer can make this buffer at
 * most one bounded frame. Extension frames are skipped as they arrive, never buffered. On the
 * first {@link ProtocolException} the decoder fires it as an exception event (the connection
 * handler bans and closes) and discards everything after it.
 */
public final class PeerMessageDecoder extends ByteToMessageDecoder {
  private boolean handshakeSeen;
  private long extensionBytesToSkip;
  private boolean failed;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decodeStep(in, out);
    } catch (ProtocolException e) {
      fail(ctx, in, e);
    }
  }

  /**
   * After the input closed, reports a frame left unfinished as a {@link
   * PrematureChannelClosureException}: not a {@link ProtocolException}, because a peer whose
   * process or network died mid-chunk did nothing wrong.
   */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    // channelInputClosed has already decoded every whole frame; what is left is a partial one.
    if (failed || (!in.isReadable() && extensionBytesToSkip == 0)) {
      return;
    }
    String what = partialFrame(in);
    failed = true;
    in.skipBytes(in.readableBytes());
    ctx.fireExceptionCaught(
        new PrematureChannelClosureException("connection closed inside a frame: " + what));
  }

  // At most one message per call: ByteToMessageDecoder passes each on before calling again, so
  // messages and a later exception event reach the next handler in stream order.
  private void decodeStep(ByteBuf in, List<Object> out) throws ProtocolException {
    if (extensionBytesToSkip > 0) {
      int skip = (int) Math.min(extensionBytesToSkip, in.readableBytes());
      in.skipBytes(skip);
      extensionBytesToSkip -= skip;
      return;
    }
    if (in.readableBytes() < MessageCodec.LENGTH_FIELD_LENGTH) {
      return;
    }
    int start = in.readerIndex();
    long length = in.getUnsignedInt(start);
    MessageCodec.checkLength(length);
    if (in.readableBytes() < MessageCodec.HEADER_LENGTH) {
      return;
    }
    int code = in.getUnsignedByte(start + MessageCodec.LENGTH_FIELD_LENGTH);
    MessageType type = MessageCodec.checkType(length, code);
    checkOrder(type, code);
    int bodyLength = (int) length - 1;
    if (type == null) {
      in.skipBytes(MessageCodec.HEADER_LENGTH);
      extensionBytesToSkip = bodyLength;
      return;
    }
    if (in.readableBytes() < MessageCodec.HEADER_LENGTH + bodyLength) {
      return;
    }
    PeerMessage message =
        type.decodeBody(in.nioBuffer(start + MessageCodec.HEADER_LENGTH, bodyLength));
    in.skipBytes(MessageCodec.HEADER_LENGTH + bodyLength);
    handshakeSeen = true;
    out.add(message);
  }

  private void checkOrder(MessageType type, int code) throws ProtocolException {
    if (!handshakeSeen && type != MessageType.HANDSHAKE) {
      throw new ProtocolException("first frame is " + MessageCodec.describe(type, code)
          + ", expected a handshake");
    }
    if (handshakeSeen && type == MessageType.HANDSHAKE) {
      throw new ProtocolException("second handshake: a peer sends one, first");
    }
  }

  private String partialFrame(ByteBuf in) {
    if (extensionBytesToSkip > 0) {
      return extensionBytesToSkip + " bytes of an extension frame missing";
    }
    int have = in.readableBytes();
    if (have < MessageCodec.HEADER_LENGTH) {
      return have + " of the " + MessageCodec.HEADER_LENGTH + " header bytes";
    }
    long length = in.getUnsignedInt(in.readerIndex());
    int code = in.getUnsignedByte(in.readerIndex() + MessageCodec.LENGTH_FIELD_LENGTH);
    return have + " of the " + (MessageCodec.LENGTH_FIELD_LENGTH + length) + " bytes of a "
        + MessageCodec.describe(MessageType.forCode(code), code) + " frame";
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, ProtocolException e) {
    failed = true;
    in.skipBytes(in.readableBytes());
    ctx.fireExceptionCaught(e);
  }
}
