package io.swarmtv.discovery.tracker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.RateLimitedLog;
import io.swarmtv.ingest.MicrosClock;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP trackers (BEP 15) over one Netty datagram socket shared by every tracker and channel:
 * replies are matched to requests by transaction id, and one whose id we did not send, or that
 * comes from another address than the request went to, is dropped with a log line. Connection ids
 * are kept for the minute BEP 15 allows. The codec is {@link UdpTrackerCodec}; this is the socket.
 */
public final class UdpTrackerClient implements TrackerClient, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpTrackerClient.class);
  private static final long CONNECTION_ID_MICROS = 60_000_000;

  private final TrackerSettings settings;
  private final MicrosClock clock;
  private final EventLoopGroup group;
  private final Channel channel;
  private final Executor resolver;
  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, ConnectionId> connections = new ConcurrentHashMap<>();
  private final RateLimitedLog dropped = new RateLimitedLog(log, 10_000_000);

  private record Pending(InetSocketAddress to, CompletableFuture<byte[]> reply) {}

  private record ConnectionId(long id, long sinceMicros) {}

  private UdpTrackerClient(TrackerSettings settings, MicrosClock clock) throws InterruptedException {
    this.settings = settings;
    this.clock = clock;
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("swarmtv-udp-tracker", true),
        NioIoHandler.newFactory());
    // Host names are looked up off the event loop: a slow DNS server must not stall other replies.
    this.resolver = Executors.newCachedThreadPool(new DefaultThreadFactory("swarmtv-tracker-dns", true));
    this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpTrackerCodec.MAX_REPLY))
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received(packet.sender(), ByteBufUtil.getBytes(packet.content()));
          }
        })
        .bind(0).sync().channel();
  }

  /** Opens the socket, on an ephemeral port of every local address. */
  public static UdpTrackerClient start(TrackerSettings settings, MicrosClock clock) {
    try {
      return new UdpTrackerClient(settings, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the UDP tracker socket", e);
    }
  }

  /** The local port replies come to. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public CompletableFuture<AnnounceReply> announce(URI tracker, AnnounceRequest request) {
    return resolve(tracker).thenCompose(to -> connected(to).thenCompose(id -> exchange(to,
        tx -> UdpTrackerCodec.announce(id, tx, request),
        (reply, tx) -> UdpTrackerCodec.parseAnnounce(reply, tx, to.getAddress() instanceof Inet6Address))))
        .whenComplete((r, e) -> forgetOnFailure(tracker, e));
  }

  @Override
  public CompletableFuture<ScrapeReply> scrape(URI tracker, InfoHash infoHash) {
    return resolve(tracker).thenCompose(to -> connected(to).thenCompose(id -> exchange(to,
        tx -> UdpTrackerCodec.scrape(id, tx, infoHash), UdpTrackerCodec::parseScrape)))
        .whenComplete((r, e) -> forgetOnFailure(tracker, e));
  }

  private CompletableFuture<InetSocketAddress> resolve(URI tracker) {
    if (tracker.getHost() == null || tracker.getPort() < 1) {
      return CompletableFuture.failedFuture(new TrackerException("UDP tracker " + tracker + " needs a host and a port"));
    }
    return CompletableFuture.supplyAsync(() -> {
      InetSocketAddress a = new InetSocketAddress(tracker.getHost(), tracker.getPort());
      if (a.isUnresolved()) {
        throw new TrackerException("cannot resolve tracker host " + tracker.getHost());
      }
      return a;
    }, resolver);
  }

  /** A connection id younger than a minute, or a new one from a connect exchange. */
  private CompletableFuture<Long> connected(InetSocketAddress to) {
    ConnectionId known = connections.get(to);
    if (known != null && clock.nowMicros() - known.sinceMicros() < CONNECTION_ID_MICROS) {
      return CompletableFuture.completedFuture(known.id());
    }
    return exchange(to, UdpTrackerCodec::connect, UdpTrackerCodec::parseConnect).thenApply(id -> {
      connections.put(to, new ConnectionId(id, clock.nowMicros()));
      return id;
    });
  }

  /** After a failure the tracker may have forgotten our connection id: get a new one next time. */
  private void forgetOnFailure(URI tracker, Throwable error) {
    if (error != null) {
      connections.keySet().removeIf(a -> a.getHostString().equals(tracker.getHost()) && a.getPort() == tracker.getPort());
    }
  }

  /** Sends a request and reads its reply, sending it again (with a new transaction id) on silence. */
  private <T> CompletableFuture<T> exchange(InetSocketAddress to, IntFunction<byte[]> request,
      ReplyParser<T> parse) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(to, request, parse, result, 1);
    return result;
  }

  /** Reads a reply that carries transaction id {@code tx}. */
  @FunctionalInterface
  private interface ReplyParser<T> {
    T parse(byte[] reply, int tx);
  }

  private <T> void attempt(InetSocketAddress to, IntFunction<byte[]> request, ReplyParser<T> parse,
      CompletableFuture<T> result, int attempt) {
    int tx = newTransaction(to);
    Pending p = pending.get(tx);
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.apply(tx)), to)).addListener(f -> {
      if (!f.isSuccess()) {
        pending.remove(tx);
        result.completeExceptionally(new TrackerException("cannot send to UDP tracker " + to + ": " + f.cause()));
      }
    });
    long timeout = settings.udpAttemptTimeout().toMillis();
    var timer = group.next().schedule(() -> {
      if (pending.remove(tx) == null) {
        return;
      }
      if (attempt < settings.udpAttempts()) {
        attempt(to, request, parse, result, attempt + 1);
      } else {
        result.completeExceptionally(new TrackerException("UDP tracker " + to + " did not answer "
            + settings.udpAttempts() + " tries of " + timeout + " ms"));
      }
    }, timeout, TimeUnit.MILLISECONDS);
    p.reply().whenComplete((bytes, error) -> {
      timer.cancel(false);
      if (error != null) {
        result.completeExceptionally(error);
        return;
      }
      try {
        result.complete(parse.parse(bytes, tx));
      } catch (TrackerException e) {
        result.completeExceptionally(e);
      }
    });
  }

  private int newTransaction(InetSocketAddress to) {
    while (true) {
      int tx = random.nextInt();
      if (pending.putIfAbsent(tx, new Pending(to, new CompletableFuture<>())) == null) {
        return tx;
      }
    }
  }

  /** A datagram from anyone: handed to the request it answers, or dropped with a reason. */
  void received(InetSocketAddress from, byte[] reply) {
    var tx = UdpTrackerCodec.transactionId(reply);
    if (tx.isEmpty()) {
      dropped.warn("UDP tracker {}: dropped a {}-byte datagram, too short for a reply", from, reply.length);
      return;
    }
    Pending p = pending.get(tx.getAsInt());
    if (p == null) {
      dropped.warn("UDP tracker {}: dropped a reply with transaction id {} that we did not send (or gave up on)", from,
          String.format("%08x", tx.getAsInt()));
      return;
    }
    if (!p.to().equals(from)) {
      dropped.warn("UDP tracker {}: dropped a reply to a request sent to {}", from, p.to());
      return;
    }
    pending.remove(tx.getAsInt());
    p.reply().complete(reply);
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    pending.values().forEach(p -> p.reply().completeExceptionally(new TrackerException("UDP tracker client closed")));
    ((java.util.concurrent.ExecutorService) resolver).shutdownNow();
  }
}
