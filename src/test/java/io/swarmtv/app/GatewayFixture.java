package io.swarmtv.app;

import io.swarmtv.config.ConfigException;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.SwarmSettings;
import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.web.ChannelOpeningHandler;
import io.swarmtv.web.ManagementHandler;
import io.swarmtv.web.MediaHandlers;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A gateway on loopback for tests: a peer transport, a {@link GatewayRuntime} over a data
 * directory, and Jetty serving the management handler (API, events, metrics, page).
 */
final class GatewayFixture implements AutoCloseable {
  final PeerTransport transport;
  final ChannelDirectory directory = new ChannelDirectory();
  final GatewayRuntime runtime;
  private final Server server;
  private final ServerConnector connector;
  private ScheduledExecutorService ticker;

  GatewayFixture(Path dataDir, MicrosClock clock, long idleMicros, boolean ticking) throws Exception {
    this(dataDir, clock, idleMicros, ticking, List.of());
  }

  /**
   * @param peers peers offered to every joined channel (a broadcaster on loopback)
   */
  GatewayFixture(Path dataDir, MicrosClock clock, long idleMicros, boolean ticking, List<InetSocketAddress> peers)
      throws Exception {
    this.transport = PeerTransports.start(0, InetAddress.getLoopbackAddress(), "--peer-port");
    GatewayRuntime r;
    try {
      r = GatewayRuntime.open(dataDir, transport, ChannelPeers.fixed(peers), SwarmSettings.DEFAULT, HlsSettings.DEFAULT, clock,
          idleMicros, directory);
    } catch (ConfigException | RuntimeException e) {
      transport.close();
      throw e;
    }
    this.runtime = r;
    if (ticking) {
      runtime.startTicking();
    }
    QueuedThreadPool pool = new QueuedThreadPool(32, 4);
    pool.setDaemon(true);
    server = new Server(pool);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    // As the gateway routes: the management paths first, then the media handlers (HLS, TS, M3U),
    // which find a channel that was not joined because the opening handler joined it just before.
    server.setHandler(new Handler.Sequence(new ManagementHandler(runtime), new ChannelOpeningHandler(runtime),
        MediaHandlers.of(directory, pool)));
    server.setStopTimeout(5_000);
    server.start();
    ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(directory::tick, 20, 20, TimeUnit.MILLISECONDS);
  }

  GatewayFixture(Path dataDir) throws Exception {
    this(dataDir, MicrosClock.system(), 60_000_000, true);
  }

  int port() {
    return connector.getLocalPort();
  }

  String base() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws Exception {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    server.stop();
    runtime.close();
    transport.close();
  }
}
