package io.swarmtv.swarm.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/** Writes {@link PeerMessage}s as frames, through {@link MessageCodec}. Stateless, so shareable. */
@Sharable
public final class PeerMessageEncoder extends MessageToByteEncoder<PeerMessage> {
  public PeerMessageEncoder() {
    super(PeerMessage.class);
  }

  @Override
  protected ByteBuf allocateBuffer(
      ChannelHandlerContext ctx, PeerMessage message, boolean preferDirect) {
    int length = MessageCodec.frameLength(message);
    return preferDirect ? ctx.alloc().ioBuffer(length) : ctx.alloc().heapBuffer(length);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, PeerMessage message, ByteBuf out) {
    int length = MessageCodec.frameLength(message);
    out.ensureWritable(length);
    int start = out.writerIndex();
    if (out.nioBufferCount() == 1) {
      // Encode straight into the buffer's memory, as SslHandler does, rather than copying a
      // 16 KiB chunk through a temporary array.
      ByteBuffer view = out.internalNioBuffer(start, length);
      MessageCodec.encode(message, view);
    } else {
      out.setBytes(start, MessageCodec.encode(message));
    }
    out.writerIndex(start + length);
  }
}
