package io.swarmtv.discovery.lan;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.PeerFinder;
import io.swarmtv.discovery.RateLimitedLog;
import io.swarmtv.ingest.MicrosClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LAN discovery on real sockets. Per chosen interface: a socket on the group's port joined to the
 * group on that interface only, to hear; and a socket bound to the interface's IPv4 address that
 * sends out of it only (TTL 1, so announcements stay on the link) — bound, so that the source
 * address peers will dial is that interface's, never left to the kernel (which picks 0.0.0.0 when
 * the interface's address is host-scoped). A timer asks the {@link LanAnnouncer} what is due;
 * datagrams heard are parsed by {@link LsdMessage} and handed to it. One instance serves every
 * channel of the process.
 */
public final class LanDiscovery implements PeerFinder, AutoCloseable {
  /** BEP 14's IPv4 group and port. */
  public static final InetSocketAddress BEP14_GROUP = new InetSocketAddress("239.192.152.143", 6771);
  private static final Logger log = LoggerFactory.getLogger(LanDiscovery.class);
  private static final long TICK_MILLIS = 100;

  private final InetSocketAddress group;
  private final LanAnnouncer announcer;
  private final EventLoopGroup loop;
  private final List<NioDatagramChannel> sockets = new ArrayList<>();
  private final List<NioDatagramChannel> senders = new ArrayList<>();
  private final List<NetworkInterface> interfaces;
  private final RateLimitedLog rejected = new RateLimitedLog(log, 10_000_000);
  private final ScheduledFuture<?> ticking;

  private LanDiscovery(List<NetworkInterface> interfaces, InetSocketAddress group, MicrosClock clock) throws Exception {
    this.group = group;
    this.interfaces = List.copyOf(interfaces);
    byte[] c = new byte[8];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(c); // tells our echo apart; no secret
    this.announcer = new LanAnnouncer(HexFormat.of().formatHex(c), clock);
    this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("swarmtv-lan", true),
        NioIoHandler.newFactory());
    try {
      for (NetworkInterface ni : interfaces) {
        NioDatagramChannel ch = (NioDatagramChannel) new Bootstrap().group(loop)
            .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(LsdMessage.MAX_BYTES + 1))
            .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                heard(p.sender(), p.content());
              }
            })
            .bind(new InetSocketAddress(group.getPort())).sync().channel();
        sockets.add(ch);
        ch.joinGroup(group, ni).sync();
        NioDatagramChannel sender = (NioDatagramChannel) new Bootstrap().group(loop)
            .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
            .option(ChannelOption.IP_MULTICAST_IF, ni)
            .option(ChannelOption.IP_MULTICAST_TTL, 1)
            .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
            .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                // unicast to the sending port is no part of the protocol: ignored
              }
            })
            .bind(new InetSocketAddress(ipv4(ni), 0)).sync().channel();
        senders.add(sender);
      }
    } catch (Exception e) {
      sockets.forEach(s -> s.close().awaitUninterruptibly());
      senders.forEach(s -> s.close().awaitUninterruptibly());
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    this.ticking = loop.next().scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts LAN discovery on {@code interfaces} with multicast {@code group} (normally
   * {@link #BEP14_GROUP}).
   *
   * @throws IllegalStateException if a socket cannot be opened or the group joined, saying on which
   *     interface
   */
  public static LanDiscovery start(List<NetworkInterface> interfaces, InetSocketAddress group, MicrosClock clock) {
    try {
      return new LanDiscovery(interfaces, group, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening LAN discovery", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start LAN discovery on " + names(interfaces) + " with group " + group
          + ": " + e.getMessage(), e);
    }
  }

  /** The interfaces it runs on, by name. */
  public List<String> interfaceNames() {
    return interfaces.stream().map(NetworkInterface::getName).toList();
  }

  private static InetAddress ipv4(NetworkInterface ni) {
    return java.util.Collections.list(ni.getInetAddresses()).stream()
        .filter(a -> a instanceof java.net.Inet4Address).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("network interface " + ni.getName() + " has no IPv4 address"));
  }

  private static String names(List<NetworkInterface> interfaces) {
    return String.join(", ", interfaces.stream().map(NetworkInterface::getName).toList());
  }

  @Override
  public AutoCloseable track(InfoHash infoHash, int port, Consumer<InetSocketAddress> found) {
    announcer.track(infoHash, port, found);
    loop.execute(this::tick); // the first announcement goes out now, not at the next tick
    return () -> announcer.untrack(infoHash);
  }

  private void tick() {
    try {
      for (LsdMessage m : announcer.due()) {
        byte[] bytes = m.encode(group.getHostString() + ":" + group.getPort());
        for (NioDatagramChannel s : senders) {
          s.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), group)).addListener(f -> {
            if (!f.isSuccess()) {
              rejected.warn("LAN discovery: cannot send on {}: {}", s.localAddress(), f.cause().toString());
            }
          });
        }
      }
    } catch (RuntimeException e) {
      log.error("LAN discovery tick failed", e);
    }
  }

  private void heard(InetSocketAddress sender, ByteBuf content) {
    int n = content.readableBytes();
    if (n > LsdMessage.MAX_BYTES) {
      rejected.warn("LAN discovery: ignored a datagram from {} of more than {} bytes", sender.getAddress(),
          LsdMessage.MAX_BYTES);
      return;
    }
    byte[] bytes = new byte[n];
    content.getBytes(content.readerIndex(), bytes);
    LsdMessage m;
    try {
      m = LsdMessage.parse(bytes, n);
    } catch (IllegalArgumentException e) {
      rejected.warn("LAN discovery: ignored a datagram from {}: {}", sender.getAddress(), e.getMessage());
      return;
    }
    InetAddress from = sender.getAddress();
    if (from.isAnyLocalAddress()) {
      rejected.warn("LAN discovery: ignored an announcement without a source address (its sender's interface"
          + " has no address it could send from)");
      return;
    }
    announcer.received(m, from);
  }

  @Override
  public void close() {
    ticking.cancel(false);
    sockets.forEach(s -> s.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
    senders.forEach(s -> s.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
