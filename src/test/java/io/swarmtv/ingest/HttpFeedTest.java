package io.swarmtv.ingest;

import io.swarmtv.testing.TestFeeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFeedTest {
  private static final Duration STALL = Duration.ofMillis(500);

  static byte[] sample;

  private final MicrosClock clock = MicrosClock.system();
  private final ChunkCollector chunks = new ChunkCollector();
  /** Lets the handlers that hang go once the test is over. */
  private final CountDownLatch release = new CountDownLatch(1);
  private ExecutorService handlers;
  private HttpServer server;
  private String base;

  @BeforeAll
  static void makeMedia() {
    sample = SampleMedia.bytes(TestFeeds.H264_2S.path());
  }

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/complete", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        sendInPieces(out);
      }
    });
    server.createContext("/stall", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        sendInPieces(out);
        hang();
      }
    });
    server.createContext("/silent", exchange -> {
      hang();
      exchange.close();
    });
    server.createContext("/missing", exchange -> status(exchange, 404));
    server.createContext("/broken", exchange -> status(exchange, 500));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  /** The sample in 8 KiB pieces 10 ms apart, as a live source trickles it. */
  private static void sendInPieces(OutputStream out) throws IOException {
    for (int off = 0; off < sample.length; off += 8192) {
      out.write(sample, off, Math.min(8192, sample.length - off));
      out.flush();
      sleep(10);
    }
  }

  private void hang() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void status(HttpExchange exchange, int code) throws IOException {
    byte[] body = "<html>nope</html>".getBytes();
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Ingest start(String url, Duration stall) throws IOException {
    FeedSettings settings = FeedSettings.DEFAULT.withStallTimeout(stall);
    Feed feed = Feed.open(FeedAddress.parse(url), settings, clock, Sleeper.system());
    return Ingest.start(feed, ChunkerSettings.DEFAULT, clock, chunks);
  }

  private static String failureOf(Ingest ingest) throws InterruptedException {
    assertTrue(ingest.awaitEnd(Duration.ofSeconds(10)), "the ingest ends by itself");
    return ingest.failure().orElse("(no failure)");
  }

  @Test
  void aStreamTheServerEndsIsTakenWhole() throws Exception {
    try (Ingest ingest = start(base + "/complete", STALL)) {
      assertTrue(ingest.awaitEnd(Duration.ofSeconds(10)));
      assertTrue(ingest.failure().isEmpty(), () -> ingest.failure().get());
      assertArrayEquals(sample, chunks.concatenated());
      assertEquals(sample.length / 188, ingest.counters().packets());
    }
  }

  @Test
  void aStallAfterDataEndsTheFeedSayingSo() throws Exception {
    try (Ingest ingest = start(base + "/stall", STALL)) {
      assertEquals("no data from " + base + "/stall for 0.5 s: the source stalled", failureOf(ingest));
      assertArrayEquals(sample, chunks.concatenated(), "everything before the stall was chunked");
    }
  }

  @Test
  void aServerThatNeverAnswersIsGivenUpOn() throws Exception {
    try (Ingest ingest = start(base + "/silent", STALL)) {
      assertEquals("no response from " + base + "/silent within 0.5 s", failureOf(ingest));
    }
  }

  @Test
  void notFoundIsReported() throws Exception {
    try (Ingest ingest = start(base + "/missing", STALL)) {
      assertEquals("HTTP 404 Not Found from " + base + "/missing", failureOf(ingest));
      assertEquals(0, chunks.size(), "an error page is not a stream");
    }
  }

  @Test
  void serverErrorIsReported() throws Exception {
    try (Ingest ingest = start(base + "/broken", STALL)) {
      assertEquals("HTTP 500 Internal Server Error from " + base + "/broken", failureOf(ingest));
    }
  }

  @Test
  void refusedConnectionIsReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/live.ts";
    try (Ingest ingest = start(url, STALL)) {
      assertEquals("cannot connect to 127.0.0.1:" + port + " for " + url + ": connection refused", failureOf(ingest));
    }
  }

  @Test
  void closingWhileTheSourceHangsIsQuick() throws Exception {
    Ingest ingest = start(base + "/stall", Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (chunks.concatenated().length < sample.length && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertArrayEquals(sample, chunks.concatenated(), "chunks flushed while the source hangs");
    long before = System.nanoTime();
    ingest.close();
    assertTrue(System.nanoTime() - before < Ingest.CLOSE_TIMEOUT.toNanos());
    assertFalse(ingest.isRunning());
    assertTrue(ingest.failure().isEmpty());
  }

  @Test
  void closingWhileWaitingForHeadersIsQuick() throws Exception {
    Ingest ingest = start(base + "/silent", Duration.ofSeconds(30));
    sleep(200);
    long before = System.nanoTime();
    ingest.close();
    assertTrue(System.nanoTime() - before < Ingest.CLOSE_TIMEOUT.toNanos());
    assertFalse(ingest.isRunning());
    assertTrue(ingest.failure().isEmpty());
  }
}
