package io.swarmtv.swarm.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.swarmtv.swarm.wire.PeerMessage;

/** The last handler of a peer connection's pipeline: passes Netty's events to its {@link PeerConnection}. */
final class PeerConnectionHandler extends ChannelInboundHandlerAdapter {
  private final PeerConnection connection;

  PeerConnectionHandler(PeerConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection.opened();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    connection.received((PeerMessage) msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        connection.silent();
      } else if (idle.state() == IdleState.WRITER_IDLE) {
        connection.quiet();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    connection.failed(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.closed();
    ctx.fireChannelInactive();
  }
}
