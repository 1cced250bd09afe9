package io.swarmtv.swarm.net;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.channel.Chunk;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.NeighbourStats;
import io.swarmtv.swarm.SwarmNode;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.SwarmStats;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import io.swarmtv.swarm.PeerSource;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's swarm on real sockets: a {@link SwarmNode} on a thread of its own, its timers
 * ticking there, its connections carried by a shared {@link PeerTransport}.
 */
public final class ChannelSwarm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelSwarm.class);

  private final PeerTransport transport;
  private final ChannelId channel;
  private final ScheduledExecutorService thread;
  private final SwarmNode node;
  private final ScheduledFuture<?> ticking;

  private ChannelSwarm(PeerTransport transport, ChannelId channel, SwarmSettings settings,
      Function<ChannelSwarm, SwarmNode> makeNode) {
    this.transport = transport;
    this.channel = channel;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "swarm " + channel.toString().substring(0, 8));
      t.setDaemon(true);
      return t;
    });
    this.node = makeNode.apply(this);
    transport.register(channel, node, thread, node::isBanned);
    this.ticking = thread.scheduleAtFixedRate(this::tick, settings.tickMicros(), settings.tickMicros(),
        TimeUnit.MICROSECONDS);
  }

  /** The broadcaster's side of a channel: {@link #publish} feeds it. */
  public static ChannelSwarm source(PeerTransport transport, ChannelId channel, SwarmSettings settings,
      MicrosClock clock) {
    return new ChannelSwarm(transport, channel, settings, s ->
        SwarmNode.source(channel, settings, clock, transport.port(), s::dial, System.nanoTime()));
  }

  /** A viewer's side: verified chunks go to {@code output}, on the channel's thread, in arrival order. */
  public static ChannelSwarm peer(PeerTransport transport, ChannelId channel, SwarmSettings settings,
      MicrosClock clock, Consumer<Chunk> output) {
    return new ChannelSwarm(transport, channel, settings, s ->
        SwarmNode.peer(channel, settings, clock, transport.port(), output, s::dial, System.nanoTime()));
  }

  private void tick() {
    try {
      node.tick();
    } catch (RuntimeException e) {
      // A bug in one tick must not stop the timers for good: log it and tick on.
      log.error("swarm tick failed for channel {}", channel, e);
    }
  }

  private void dial(InetSocketAddress address) {
    if (ticking.isCancelled()) {
      return; // leaving: the transport no longer knows this channel
    }
    transport.connect(address, channel).whenComplete((link, error) -> {
      if (error != null) {
        log.debug("channel {}: could not connect to {}: {}", channel, address, error.toString());
      }
    });
  }

  public ChannelId channel() {
    return channel;
  }

  /** Publishes a chunk the broadcaster signed (source only). */
  public void publish(Chunk chunk) {
    thread.execute(() -> node.publish(chunk));
  }

  /** Publishes the broadcaster's signed metadata (source only). */
  public void publish(ChannelMetadata metadata) {
    thread.execute(() -> node.publish(metadata));
  }

  /** The channel's newest signed metadata the node holds, or null. */
  public ChannelMetadata metadata() {
    return onThread(node::metadata);
  }

  /** A peer to connect to when more neighbours are wanted, and where it was learned. */
  public void addPeer(InetSocketAddress address, PeerSource source) {
    thread.execute(() -> node.addCandidate(address, source));
  }

  /** Distinct peer addresses learned from each discovery source, read on the node's thread. */
  public Map<PeerSource, Integer> peerSources() {
    return onThread(node::peerSources);
  }

  /** Each neighbour's figures (address, source, parent/child roles, RTT, rates), read on the node's thread. */
  public List<NeighbourStats> neighbours() {
    return onThread(node::neighbours);
  }

  /** Neighbours connected now, counted by how we came to be connected to them; read on the node's thread. */
  public Map<PeerSource, Integer> neighbourSources() {
    return onThread(node::neighbourSources);
  }

  /** The node's figures, read on its thread. */
  public SwarmStats stats() {
    return onThread(node::stats);
  }

  /** Where the node stands (window, parents, candidates), for logs and failure messages. */
  public String describeState() {
    return onThread(node::describeState);
  }

  private <T> T onThread(java.util.function.Supplier<T> read) {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(read, thread);
    try {
      return f.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading swarm figures", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("swarm thread of " + channel + " did not answer", e);
    }
  }

  /** Leaves the swarm: closes this channel's connections and stops its thread. */
  @Override
  public void close() {
    ticking.cancel(false); // no more dialling; the thread stays for the disconnects to come
    transport.unregister(channel);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
