package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The gateway's web server: Jetty on one port, serving every channel in a {@link ChannelDirectory}. */
public final class GatewayHttpServer implements AutoCloseable {
  /** How often channels declare overdue chunks lost and time out waiting requests. */
  static final long TICK_MILLIS = 20;

  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorService ticker;

  private GatewayHttpServer(Server server, ServerConnector connector, ScheduledExecutorService ticker) {
    this.server = server;
    this.connector = connector;
    this.ticker = ticker;
  }

  /**
   * Starts serving on {@code port} (0: a free one) of {@code bind} (null: every address).
   *
   * @throws Exception when the port cannot be bound
   */
  public static GatewayHttpServer start(InetAddress bind, int port, ChannelDirectory channels, Handler... front)
      throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("http");
    pool.setDaemon(true);
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    if (bind != null) {
      connector.setHost(bind.getHostAddress());
    }
    connector.setPort(port);
    connector.setIdleTimeout(60_000);
    server.addConnector(connector);
    // The management handler and the channel opener go first: they take /api, /metrics and / (any
    // method), and join a listed channel before the media handlers look it up.
    List<Handler> chain = new ArrayList<>(List.of(front));
    chain.add(new GatewayHandler(channels, pool));
    server.setHandler(new Handler.Sequence(chain));
    server.setStopTimeout(2_000);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hls ticks");
      t.setDaemon(true);
      return t;
    });
    try {
      server.start();
    } catch (Exception e) {
      ticker.shutdownNow();
      server.stop();
      throw e;
    }
    ticker.scheduleAtFixedRate(() -> {
      try {
        channels.tick();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(GatewayHttpServer.class).error("HLS tick failed", e);
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return new GatewayHttpServer(server, connector, ticker);
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    ticker.shutdownNow();
    server.stop();
  }
}
