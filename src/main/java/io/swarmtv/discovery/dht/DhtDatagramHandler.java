package io.swarmtv.discovery.dht;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each UDP datagram to the {@link DhtEngine}, on the channel's event loop, which is the one
 * thread the engine runs on. The receive buffer is one byte over {@link DhtEngine#MAX_DATAGRAM},
 * so a longer datagram arrives cut at that size and the engine refuses it.
 */
final class DhtDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(DhtDatagramHandler.class);

  private final DhtEngine engine;

  DhtDatagramHandler(DhtEngine engine) {
    this.engine = engine;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    byte[] data = new byte[content.readableBytes()];
    content.readBytes(data);
    engine.receive(packet.sender(), data, data.length);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket keeps working after a failed read or an ICMP error; note it and go on.
    log.debug("DHT socket: {}", cause.toString());
  }
}
