package io.swarmtv.swarm.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.swarm.PeerEvents;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessageDecoder;
import io.swarmtv.swarm.wire.PeerMessageEncoder;
import io.swarmtv.swarm.wire.VersionRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the swarm logic's {@link PeerLink}s over TCP: one per process, listening on one port for
 * every channel's peers and dialling out for them.
 *
 * <p><b>Handshakes.</b> A dialled connection sends the channel's handshake at once. An accepted one
 * reads the peer's first, finds the registered channel it names and answers with that channel's;
 * for a channel that is not registered it answers with a handshake for a channel no one
 * broadcasts, then a goodbye {@link GoodbyeReason#WRONG_CHANNEL}, since a peer takes nothing
 * before a handshake. Then the versions are negotiated ({@link GoodbyeReason#INCOMPATIBLE_VERSION}
 * and close if they do not overlap) and the logic gets {@link PeerEvents#onConnected}. Peers
 * refused before that never reach the logic; a failed dial shows in {@link #connect}'s future.
 *
 * <p><b>Threads.</b> Every {@link PeerEvents} call for a channel, {@code handshake()} included,
 * runs on the executor it was registered with, one at a time, in the order things happened on
 * each connection. {@link PeerLink} calls never block.
 *
 * <p><b>Pings.</b> The transport answers each {@code Ping} with its {@code Pong} itself, on the
 * channel's thread, and does not pass pings on: the logic sends pings and gets pongs, and never
 * answers. A connection with nothing sent for {@link PeerTransportSettings#pingInterval()} gets a
 * ping whose pong the transport keeps to itself; the logic should ignore pongs it did not ask for
 * anyway. One with nothing received for {@link PeerTransportSettings#idleTimeout()} is closed.
 *
 * <p><b>Errors.</b> A protocol error after {@code onConnected} goes to {@link
 * PeerEvents#onProtocolError} and the connection is no longer read; the logic closes or bans. A
 * reset, a timeout or a close by either side ends in {@link PeerEvents#onDisconnected}, exactly
 * once for each link {@code onConnected} accepted and for no other.
 *
 * <p><b>Back-pressure.</b> A connection stops being read while the messages it delivered and the
 * logic has not yet handled add up to {@value PeerConnection#PAUSE_READING_BYTES} bytes, so a
 * slow logic thread shows as {@link PeerLink#queuedBytes()} rising on the sender's side.
 */
public final class PeerTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);

  private static final PeerMessageEncoder ENCODER = new PeerMessageEncoder();
  private static final long CLOSE_LISTENER_MILLIS = 500;
  private static final long GOODBYES_MAX_MILLIS = 2_000;
  private static final long EVENT_LOOP_SHUTDOWN_MILLIS = 1_500;

  private final PeerTransportSettings settings;
  private final EventLoopGroup group;
  private final Bootstrap dialler;
  private final Map<ChannelId, ChannelRegistration> registrations = new ConcurrentHashMap<>();
  private final Set<PeerConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger handshaking = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ChannelId noChannel = ChannelKey.generate().id();
  private final PeerId refusalPeerId = PeerId.random();
  private Channel listener;

  private PeerTransport(PeerTransportSettings settings) {
    this.settings = settings;
    this.group = new MultiThreadIoEventLoopGroup(settings.threads(),
        new DefaultThreadFactory("swarmtv-peers", true), NioIoHandler.newFactory());
    this.dialler = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PeerMessageSizeEstimator.INSTANCE);
  }

  /**
   * Starts the event loops and listens as {@code settings} say.
   *
   * @throws IOException if the address cannot be bound, e.g. the port is taken
   */
  public static PeerTransport start(PeerTransportSettings settings) throws IOException {
    PeerTransport transport = new PeerTransport(Objects.requireNonNull(settings, "settings"));
    transport.listen();
    return transport;
  }

  private void listen() throws IOException {
    ServerBootstrap server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .handler(new AcceptGate(this))
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PeerMessageSizeEstimator.INSTANCE)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            attach(ch, PeerConnection.accepted(PeerTransport.this, ch));
          }
        });
    InetSocketAddress address = settings.bindAddress() == null
        ? new InetSocketAddress(settings.port())
        : new InetSocketAddress(settings.bindAddress(), settings.port());
    ChannelFuture bound = server.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      Throwable cause = bound.cause();
      if (cause instanceof IOException e) {
        throw e;
      }
      throw new IOException("cannot listen for peers on " + address + ": " + cause, cause);
    }
    listener = bound.channel();
    log.info("listening for peers on {}", listener.localAddress());
  }

  /** The settings this transport was started with. */
  public PeerTransportSettings settings() {
    return settings;
  }

  /** Where this transport listens: the port it was given, or the one the system picked for 0. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** The port this transport listens on, for the handshake's listen port. */
  public int port() {
    return localAddress().getPort();
  }

  /** Connections open in both directions, handshaking or not. */
  public int connectionCount() {
    return open.get();
  }

  /** {@link #register(ChannelId, PeerEvents, Executor, Predicate)} refusing no address. */
  public void register(ChannelId channel, PeerEvents events, Executor executor) {
    register(channel, events, executor, address -> false);
  }

  /**
   * Routes peers that ask for {@code channel} to {@code events}, which is called on
   * {@code executor} only. The executor must run tasks one at a time in the order they were
   * submitted (one thread).
   *
   * <p>{@code refuse} is asked on a network thread as each connection is accepted, before a byte
   * is read, so it must be quick and thread-safe; an address any registered channel refuses is
   * closed at once. Addresses {@link #connect} dials are not checked.
   *
   * @throws IllegalStateException if {@code channel} is registered already or the transport is
   *     closed
   */
  public void register(ChannelId channel, PeerEvents events, Executor executor,
      Predicate<InetAddress> refuse) {
    ChannelRegistration registration = new ChannelRegistration(
        Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(events, "events"),
        Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(refuse, "refuse"));
    if (closed.get()) {
      throw new IllegalStateException("the peer transport is closed");
    }
    if (registrations.putIfAbsent(channel, registration) != null) {
      throw new IllegalStateException("channel " + channel + " is registered already");
    }
  }

  /**
   * Stops routing peers to {@code channel} and closes its connections with a goodbye; their
   * {@code onDisconnected} still arrive. Does nothing for a channel not registered.
   */
  public void unregister(ChannelId channel) {
    ChannelRegistration registration = registrations.remove(channel);
    if (registration == null) {
      return;
    }
    for (PeerConnection connection : connections) {
      if (connection.registration() == registration) {
        connection.close(GoodbyeReason.CLOSING, "left the channel");
      }
    }
  }

  /**
   * Dials a peer of {@code channel}, which must be registered. The future completes on the
   * channel's executor: with the link once {@code onConnected} has accepted it, or with why not:
   * an {@link IOException} for the network ({@code ConnectException}, {@code
   * SocketTimeoutException} for a missing handshake, {@code EOFException} for a peer that closed
   * first), a {@link PeerRefusedException} for a peer in another channel or refused by the logic,
   * or a {@link io.swarmtv.swarm.wire.ProtocolException} (an {@link
   * io.swarmtv.swarm.wire.IncompatibleVersionException} among them) for a broken handshake. Do
   * not block on it on the channel's thread.
   *
   * @throws IllegalArgumentException if {@code channel} is not registered
   */
  public CompletableFuture<PeerLink> connect(InetSocketAddress address, ChannelId channel) {
    Objects.requireNonNull(address, "address");
    ChannelRegistration registration = registrations.get(channel);
    if (registration == null) {
      throw new IllegalArgumentException("channel " + channel + " is not registered");
    }
    CompletableFuture<PeerLink> dialed = new CompletableFuture<>();
    if (closed.get()) {
      failDial(registration, dialed, new IOException("the peer transport is closed"));
      return dialed;
    }
    if (open.incrementAndGet() > settings.maxConnections()) {
      open.decrementAndGet();
      failDial(registration, dialed, new IOException(
          "already " + settings.maxConnections() + " peer connections open"));
      return dialed;
    }
    ChannelFuture connecting = dialler.clone()
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            attach(ch, PeerConnection.dialled(
                PeerTransport.this, ch, address, registration, dialed));
          }
        })
        .connect(address);
    connecting.channel().closeFuture().addListener(f -> open.decrementAndGet());
    connecting.addListener(f -> {
      if (!f.isSuccess()) {
        log.debug("cannot connect to {}: {}", address, f.cause().getMessage());
        failDial(registration, dialed, f.cause());
      }
    });
    return dialed;
  }

  /**
   * Stops listening and closes every connection with a goodbye {@link GoodbyeReason#CLOSING}
   * (their {@code onDisconnected} still arrive), frees the port and stops the event loops.
   * Returns within about 4 seconds whatever the peers do. Not to be called on a Netty thread.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listener.close().awaitUninterruptibly(CLOSE_LISTENER_MILLIS);
    List<Channel> closing = new ArrayList<>();
    for (PeerConnection connection : connections) {
      connection.close(GoodbyeReason.CLOSING, "shutting down");
      closing.add(connection.channel());
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
        Math.min(GOODBYES_MAX_MILLIS, settings.goodbyeTimeout().toMillis() + 100));
    for (Channel channel : closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !channel.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
    // Closes whatever is still open, goodbye or not.
    group.shutdownGracefully(0, EVENT_LOOP_SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(EVENT_LOOP_SHUTDOWN_MILLIS);
    log.debug("peer transport on {} closed", listener.localAddress());
  }

  @Override
  public String toString() {
    return "PeerTransport[" + listener.localAddress() + ", " + open.get() + " connections]";
  }

  // ---- For PeerConnection and AcceptGate.

  ChannelRegistration registration(ChannelId channel) {
    return registrations.get(channel);
  }

  boolean isRegistered(ChannelRegistration registration) {
    return registrations.get(registration.channel()) == registration;
  }

  /** What an accepted peer asking for an unregistered channel gets before its goodbye. */
  Handshake refusalHandshake() {
    return new Handshake(VersionRange.SUPPORTED, noChannel, refusalPeerId, port(), 0);
  }

  /**
   * Counts an accepted connection in, or says no: the transport is closing, a channel refuses
   * the address, or a limit is reached. Runs on the listener's event loop.
   */
  boolean admit(Channel accepted) {
    InetSocketAddress remote = (InetSocketAddress) accepted.remoteAddress();
    String refusal = refusal(remote.getAddress());
    if (refusal != null) {
      log.debug("refused peer from {} at accept: {}", remote, refusal);
      return false;
    }
    accepted.closeFuture().addListener(f -> open.decrementAndGet());
    return true;
  }

  void handshakeFinished() {
    handshaking.decrementAndGet();
  }

  private String refusal(InetAddress address) {
    if (closed.get()) {
      return "shutting down";
    }
    for (ChannelRegistration registration : registrations.values()) {
      try {
        if (registration.refuse().test(address)) {
          return "refused by channel " + registration.channel();
        }
      } catch (RuntimeException e) {
        log.warn("the refuse check of channel {} failed for {}", registration.channel(),
            address, e);
        return "refuse check failed";
      }
    }
    if (open.incrementAndGet() > settings.maxConnections()) {
      open.decrementAndGet();
      return "already " + settings.maxConnections() + " connections";
    }
    if (handshaking.incrementAndGet() > settings.maxPendingHandshakes()) {
      handshaking.decrementAndGet();
      open.decrementAndGet();
      return "already " + settings.maxPendingHandshakes() + " connections handshaking";
    }
    return null;
  }

  private void attach(SocketChannel ch, PeerConnection connection) {
    connections.add(connection);
    ch.closeFuture().addListener(f -> connections.remove(connection));
    ch.pipeline().addLast(
        // With a read in progress, flushes wait for its end; otherwise one flush is scheduled
        // for all the writes the logic thread queued meanwhile.
        new FlushConsolidationHandler(
            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true),
        new IdleStateHandler(settings.idleTimeout().toMillis(),
            settings.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS),
        new PeerMessageDecoder(),
        ENCODER,
        new PeerConnectionHandler(connection));
  }

  private static void failDial(
      ChannelRegistration registration, CompletableFuture<PeerLink> dialed, Throwable cause) {
    try {
      registration.executor().execute(() -> dialed.completeExceptionally(cause));
    } catch (RejectedExecutionException e) {
      dialed.completeExceptionally(cause);
    }
  }
}
