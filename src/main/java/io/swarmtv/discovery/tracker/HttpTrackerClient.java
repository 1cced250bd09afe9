package io.swarmtv.discovery.tracker;

import io.swarmtv.discovery.InfoHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * HTTP(S) trackers on the JDK's {@link HttpClient}: it brings TLS, redirects and connection reuse,
 * and a tracker exchange is one small GET, so Netty's HTTP codec would add code without adding
 * control. Bounds: {@link BoundedBody} caps the reply's size; a timer cancels the exchange (which
 * aborts the connection) when the whole of it, body included, takes longer than the request
 * timeout.
 */
public final class HttpTrackerClient implements TrackerClient {
  private final HttpClient http;
  private final TrackerSettings settings;

  public HttpTrackerClient(TrackerSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.requestTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Override
  public CompletableFuture<AnnounceReply> announce(URI tracker, AnnounceRequest request) {
    return get(tracker, HttpTrackerCodec.announceUri(tracker, request), HttpTrackerCodec::parseAnnounce);
  }

  @Override
  public CompletableFuture<ScrapeReply> scrape(URI tracker, InfoHash infoHash) {
    URI uri;
    try {
      uri = HttpTrackerCodec.scrapeUri(tracker, infoHash);
    } catch (TrackerException e) {
      return CompletableFuture.failedFuture(e);
    }
    return get(tracker, uri, body -> HttpTrackerCodec.parseScrape(body, infoHash));
  }

  private <T> CompletableFuture<T> get(URI tracker, URI uri, Function<byte[], T> parse) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("User-Agent", "swarmtv")
        .GET().build();
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = http.sendAsync(request, BoundedBody.handler(settings.maxReplyBytes()));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new TrackerException("tracker " + tracker + ": " + e.getMessage(), e));
    }
    long timeoutMillis = settings.requestTimeout().toMillis();
    CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(() -> exchange.cancel(true));
    return exchange.handle((response, error) -> {
      if (error != null) {
        throw failure(tracker, unwrap(error), timeoutMillis);
      }
      if (response.statusCode() != 200) {
        String text = new String(response.body(), 0, Math.min(response.body().length, 120), StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ").strip();
        throw new TrackerException("tracker answered HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text));
      }
      return parse.apply(response.body());
    });
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static TrackerException failure(URI tracker, Throwable t, long timeoutMillis) {
    if (t instanceof TrackerException te) {
      return te;
    }
    if (t instanceof CancellationException || t instanceof java.net.http.HttpTimeoutException) {
      return new TrackerException("tracker did not answer within " + timeoutMillis + " ms");
    }
    if (t.getCause() instanceof TrackerException te) {
      return te;
    }
    String what = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    return new TrackerException("cannot reach tracker " + tracker.getHost() + ": " + what, t);
  }
}
