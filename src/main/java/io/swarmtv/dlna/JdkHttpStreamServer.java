package io.swarmtv.dlna;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jupnp.model.message.Connection;
import org.jupnp.transport.Router;
import org.jupnp.transport.impl.HttpExchangeUpnpStream;
import org.jupnp.transport.spi.InitializationException;
import org.jupnp.transport.spi.StreamServer;
import org.jupnp.transport.spi.StreamServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jUPnP's HTTP side (descriptors, SOAP control, GENA subscriptions) on the JDK's built-in HTTP
 * server, bound to one LAN address: jUPnP's own transport needs Jetty 9 and javax.servlet, which
 * clash with the gateway's Jetty 12.
 *
 * <p>Request bodies are bounded ({@link #MAX_BODY_BYTES}): a larger one is refused with 413
 * before jUPnP reads it, since jUPnP would read any body whole into memory.
 */
final class JdkHttpStreamServer implements StreamServer<JdkHttpStreamServer.Settings> {
  private static final Logger log = LoggerFactory.getLogger(JdkHttpStreamServer.class);

  /** The largest request body accepted: SOAP calls and GENA requests are a few KiB. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int THREADS = 4;
  private static final int QUEUE = 64;

  /** The port to listen on; 0 picks a free one. */
  record Settings(int port) implements StreamServerConfiguration {
    @Override
    public int getListenPort() {
      return port;
    }
  }

  static {
    // The JDK server otherwise waits forever on a client that sends its request slowly or never
    // reads the answer. These are read once, when the server class loads; respect any set already.
    setIfAbsent("sun.net.httpserver.maxReqTime", "20");
    setIfAbsent("sun.net.httpserver.maxRspTime", "20");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
  }

  private final Settings settings;
  private HttpServer server;
  private ExecutorService executor;

  JdkHttpStreamServer(Settings settings) {
    this.settings = settings;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  public synchronized void init(InetAddress bindAddress, Router router) throws InitializationException {
    try {
      server = HttpServer.create(new InetSocketAddress(bindAddress, settings.port()), 16);
      executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "upnp-http " + bindAddress.getHostAddress());
            t.setDaemon(true);
            return t;
          // When all threads and the queue are busy the server's own dispatcher thread answers,
          // which stops it accepting more: the JDK server would leave a rejected connection open.
          }, new ThreadPoolExecutor.CallerRunsPolicy());
      server.setExecutor(executor);
      server.createContext("/", exchange -> handle(exchange, router));
      log.debug("UPnP HTTP on {}:{}", bindAddress.getHostAddress(), server.getAddress().getPort());
    } catch (IOException e) {
      throw new InitializationException("cannot listen for UPnP HTTP on " + bindAddress.getHostAddress()
          + ":" + settings.port() + ": " + e.getMessage(), e);
    }
  }

  private static void handle(HttpExchange exchange, Router router) throws IOException {
    try (exchange) {
      if (!boundBody(exchange)) {
        return;
      }
      String agent = exchange.getRequestHeaders().getFirst("User-Agent");
      ControlRequest request = new ControlRequest(exchange.getLocalAddress().getAddress(), agent == null ? "" : agent);
      request.run(new ExchangeStream(router, exchange));
    }
  }

  /**
   * Reads the body into memory if it is within the bound, for jUPnP to read again; answers 413
   * and returns false if it is not.
   */
  private static boolean boundBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        refuse(exchange, 400, "bad Content-Length: " + declared);
        return false;
      }
      if (length > MAX_BODY_BYTES) {
        refuse(exchange, 413, "request body of " + length + " bytes is over the limit of " + MAX_BODY_BYTES);
        return false;
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      refuse(exchange, 413, "request body is over the limit of " + MAX_BODY_BYTES + " bytes");
      return false;
    }
    exchange.setStreams(new ByteArrayInputStream(body), null);
    return true;
  }

  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, text.length);
    exchange.getResponseBody().write(text);
  }

  /** One request, answered by jUPnP's protocols on this thread. */
  private static final class ExchangeStream extends HttpExchangeUpnpStream {
    ExchangeStream(Router router, HttpExchange exchange) {
      super(router.getProtocolFactory(), exchange);
    }

    @Override
    protected Connection createConnection() {
      HttpExchange exchange = getHttpExchange();
      return new Connection() {
        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public InetAddress getRemoteAddress() {
          return exchange.getRemoteAddress().getAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
          return exchange.getLocalAddress().getAddress();
        }
      };
    }
  }

  @Override
  public synchronized int getPort() {
    return server == null ? settings.port() : server.getAddress().getPort();
  }

  @Override
  public Settings getConfiguration() {
    return settings;
  }

  @Override
  public void run() {
    HttpServer s;
    synchronized (this) {
      s = server;
    }
    if (s != null) {
      s.start();
    }
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
