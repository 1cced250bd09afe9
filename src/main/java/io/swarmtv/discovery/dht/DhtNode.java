package io.swarmtv.discovery.dht;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmtv.ingest.MicrosClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mainline DHT node on one UDP socket: joins through the bootstrap nodes and the table saved by
 * the last run, answers other nodes, and finds and announces the peers of tracked info-hashes.
 * The protocol runs in a {@link DhtEngine} on a single Netty event loop; this class only wires it
 * to the socket, the timers and the node-table file.
 */
public final class DhtNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DhtNode.class);
  /** Distinct peers reported per tracked info-hash at most; later ones are still counted, not reported twice. */
  static final int MAX_REPORTED_PEERS = 10_000;

  private final DhtSettings settings;
  private final EventLoopGroup group;
  private final Channel channel;
  private final EventLoop loop;
  private final DhtEngine engine;
  private final Path tableFile;
  private final CompletableFuture<LookupOutcome> bootstrapped = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DhtNode(DhtSettings settings, EventLoopGroup group, Channel channel, DhtEngine engine, Path tableFile) {
    this.settings = settings;
    this.group = group;
    this.channel = channel;
    this.loop = channel.eventLoop();
    this.engine = engine;
    this.tableFile = tableFile;
  }

  /**
   * Binds the socket, reads the saved table, and starts joining the DHT.
   *
   * @throws IOException if the port cannot be bound
   */
  public static DhtNode start(DhtSettings settings) throws IOException {
    Path tableFile = settings.dataDirectory() == null ? null : settings.dataDirectory().resolve(NodeTableFile.NAME);
    NodeTableFile.Saved saved = null;
    if (tableFile != null) {
      try {
        saved = NodeTableFile.read(tableFile);
      } catch (IOException e) {
        log.warn("DHT: starting with an empty table: {}", e.getMessage());
      }
    }
    SecureRandom random = new SecureRandom();
    NodeId id = saved != null ? saved.id() : NodeId.random(random);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("swarmtv-dht", true),
        NioIoHandler.newFactory());
    Channel[] holder = new Channel[1];
    DhtEngine engine = new DhtEngine(id, MicrosClock.system(), random,
        (to, datagram) -> holder[0].writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)));
    Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DhtEngine.MAX_DATAGRAM + 1))
        // Room for bursts of answers to our lookups; the kernel caps it at net.core.rmem_max.
        .option(ChannelOption.SO_RCVBUF, 1 << 20)
        .handler(new DhtDatagramHandler(engine));
    InetSocketAddress local = settings.bindAddress() == null
        ? new InetSocketAddress(settings.port()) : new InetSocketAddress(settings.bindAddress(), settings.port());
    // Registered before binding, so the sender is set before the first datagram can arrive.
    ChannelFuture registered = b.register().awaitUninterruptibly();
    if (!registered.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IOException("cannot open a UDP socket for the DHT: " + registered.cause().getMessage(), registered.cause());
    }
    holder[0] = registered.channel();
    ChannelFuture bound = registered.channel().bind(local).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IOException("cannot listen for the DHT on UDP " + local + ": " + bound.cause().getMessage(), bound.cause());
    }
    DhtNode node = new DhtNode(settings, group, holder[0], engine, tableFile);
    node.begin(saved == null ? List.of() : saved.nodes());
    return node;
  }

  private void begin(List<NodeContact> saved) {
    List<InetSocketAddress> routers = resolve(settings.bootstrap());
    log.info("DHT: node {} listening on UDP {}; bootstrapping from {} saved nodes and {}", engine.id().hex(),
        localAddress(), saved.size(), routers.isEmpty() ? "no routers" : routers);
    loop.execute(() -> engine.bootstrap(routers, saved, outcome -> {
      log.info("DHT: joined; {} nodes in the table after {} queries", engine.figures().nodes(), outcome.queries());
      bootstrapped.complete(outcome);
    }));
    loop.scheduleAtFixedRate(guarded("tick", engine::tick), 1, 1, TimeUnit.SECONDS);
    if (tableFile != null) {
      long every = settings.saveInterval().toMillis();
      loop.scheduleAtFixedRate(guarded("saving the node table", this::save), every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** A periodic task that logs a failure instead of letting it cancel the schedule. */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("DHT: {} failed", what, e);
      }
    };
  }

  /** Resolves names (the public routers); a name that does not resolve is logged and left out. */
  private static List<InetSocketAddress> resolve(List<InetSocketAddress> nodes) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetSocketAddress a : nodes) {
      InetSocketAddress r = a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
      if (r.isUnresolved()) {
        log.warn("DHT: bootstrap node {} does not resolve; left out", a.getHostString());
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /** The address the socket is bound to. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Our node id. */
  public NodeId id() {
    return engine.id();
  }

  /** Completes when the first bootstrap lookup has ended (however many nodes it found). */
  public CompletableFuture<LookupOutcome> bootstrapped() {
    return bootstrapped;
  }

  /**
   * Finds the peers of {@code infoHash} now (once joined) and every
   * {@link DhtSettings#retrackInterval()}, announcing {@code announcePort} to the nodes that gave
   * tokens (0: only look). Each distinct peer goes to {@code found}, once, on the DHT's thread: it
   * must not block. Closing the returned handle stops it.
   */
  public AutoCloseable track(byte[] infoHash, int announcePort, Consumer<InetSocketAddress> found) {
    if (announcePort < 0 || announcePort > 65535) {
      throw new IllegalArgumentException("announce port " + announcePort + " is outside 0..65535");
    }
    if (closed.get()) {
      throw new IllegalStateException("the DHT node is closed");
    }
    NodeId target = NodeId.of(infoHash);
    Set<InetSocketAddress> reported = new LinkedHashSet<>();
    AtomicBoolean stopped = new AtomicBoolean();
    boolean[] running = {false};
    Runnable round = () -> {
      if (stopped.get() || running[0]) {
        return;
      }
      running[0] = true;
      engine.getPeers(target, announcePort, peer -> {
        if (!stopped.get() && reported.size() < MAX_REPORTED_PEERS && reported.add(peer)) {
          try {
            found.accept(peer);
          } catch (RuntimeException e) {
            log.warn("DHT: the consumer of peers for {} failed on {}", target.hex(), peer, e);
          }
        }
      }, outcome -> {
        running[0] = false;
        log.info("DHT: {}: {} peers from {} queries; announced port {} to {} nodes", target.hex(),
            outcome.peers().size(), outcome.queries(), announcePort, outcome.announcedTo());
      });
    };
    long every = settings.retrackInterval().toMillis();
    ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
    bootstrapped.whenComplete((o, e) -> loop.execute(() -> {
      if (!stopped.get()) {
        round.run();
        timer[0] = loop.scheduleAtFixedRate(guarded("tracking " + target.hex(), round), every, every,
            TimeUnit.MILLISECONDS);
      }
    }));
    return () -> {
      stopped.set(true);
      if (!loop.isShuttingDown()) {
        try {
          loop.execute(() -> {
            if (timer[0] != null) {
              timer[0].cancel(false);
            }
          });
        } catch (RejectedExecutionException closing) {
          // the node closed meanwhile, and its timers with it
        }
      }
    };
  }

  /** Pings {@code to}: completes with its node id, or exceptionally when it does not answer in time. */
  public CompletableFuture<NodeId> ping(InetSocketAddress to) {
    CompletableFuture<NodeId> answer = new CompletableFuture<>();
    if (closed.get()) {
      answer.completeExceptionally(new IOException("the DHT node is closed"));
      return answer;
    }
    loop.execute(() -> engine.ping(to, id -> {
      if (id == null) {
        answer.completeExceptionally(new IOException("DHT node " + to + " did not answer a ping"));
      } else {
        answer.complete(id);
      }
    }));
    return answer;
  }

  /** The figures for the status page. */
  public DhtFigures figures() {
    if (loop.isShutdown()) {
      return engine.figures();
    }
    try {
      return loop.submit(engine::figures).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading DHT figures", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("DHT figures unavailable: " + e, e);
    }
  }

  private void save() {
    if (tableFile == null) {
      return;
    }
    List<NodeContact> nodes = engine.contacts();
    if (nodes.isEmpty()) {
      // A run that reached no one (the network was down) must not erase what the last one learned.
      log.debug("DHT: routing table empty; keeping the saved one");
      return;
    }
    try {
      NodeTableFile.write(tableFile, engine.id(), nodes);
      log.debug("DHT: saved {} nodes to {}", nodes.size(), tableFile);
    } catch (IOException e) {
      log.warn("DHT: cannot save the node table to {}: {}", tableFile, e.getMessage());
    }
  }

  /** Saves the table, closes the socket and stops the thread. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.submit(() -> {
        save();
        engine.close();
      }).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("DHT: closing: {}", e.toString());
    }
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
