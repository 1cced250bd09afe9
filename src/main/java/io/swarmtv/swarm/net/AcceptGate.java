package io.swarmtv.swarm.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits on the listening channel, before Netty registers an accepted connection: a refused one
 * (banned address, too many connections or handshakes) is closed before it costs a pipeline,
 * a buffer or a timer.
 */
@Sharable
final class AcceptGate extends ChannelInboundHandlerAdapter {
  private final PeerTransport transport;

  AcceptGate(PeerTransport transport) {
    this.transport = transport;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel accepted = (Channel) msg;
    if (transport.admit(accepted)) {
      ctx.fireChannelRead(accepted);
    } else {
      // Not registered with an event loop yet, so this is the way to close it (as Netty's own
      // acceptor does when registration fails).
      accepted.unsafe().closeForcibly();
    }
  }
}
