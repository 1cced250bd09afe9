package io.swarmtv.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * A continuous MPEG-TS pulled over HTTP(S). Any status but 2xx, a refused or timed-out
 * connection, or a source that sends nothing for the stall timeout ends the feed with a
 * {@link FeedException} saying which; the server closing the stream ends it normally.
 */
public final class HttpFeed implements Feed {
  private final URI uri;
  private final Duration connectTimeout;
  private final long stallMicros;
  private final MicrosClock clock;

  private volatile boolean closed;
  private volatile boolean stalled;
  private volatile boolean responded;
  private volatile long lastProgressMicros = Long.MAX_VALUE;
  private volatile CompletableFuture<HttpResponse<InputStream>> pending;
  private volatile StreamFeed stream;

  public HttpFeed(URI uri, Duration connectTimeout, Duration stallTimeout, MicrosClock clock) {
    this.uri = uri;
    this.connectTimeout = connectTimeout;
    this.stallMicros = stallTimeout.toNanos() / 1_000;
    this.clock = clock;
  }

  @Override
  public void run(PacketSink sink) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = connect();
    if (response == null) {
      return;
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      response.body().close();
      throw new FeedException("HTTP " + status + statusText(status) + " from " + uri);
    }
    StreamFeed body = new StreamFeed(uri.toString(), new ProgressInputStream(response.body()), clock);
    stream = body;
    if (closed || stalled) { // closed or given up on while the headers came in
      body.close();
      if (stalled) {
        throw stallFailure(null);
      }
      return;
    }
    try {
      body.run(sink);
    } catch (IOException e) {
      if (stalled) {
        throw stallFailure(e);
      }
      if (closed) {
        return;
      }
      throw new FeedException("reading " + uri + " failed: " + describe(e), e);
    }
    if (stalled) {
      throw stallFailure(null); // the watchdog's close ended the body like an end of stream
    }
  }

  private FeedException stallFailure(Throwable cause) {
    return responded
        ? new FeedException("no data from " + uri + " for " + seconds(stallMicros) + ": the source stalled", cause)
        : new FeedException("no response from " + uri + " within " + seconds(stallMicros), cause);
  }

  /** Sends the request; null when closed meanwhile. */
  private HttpResponse<InputStream> connect() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // what TS servers speak; spares an h2c upgrade attempt
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpRequest request = HttpRequest.newBuilder(uri).GET().header("User-Agent", "swarmtv").build();
    lastProgressMicros = clock.nowMicros();
    pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    if (closed) {
      pending.cancel(true);
    }
    try {
      HttpResponse<InputStream> response = pending.get();
      responded = true;
      lastProgressMicros = clock.nowMicros();
      return response;
    } catch (CancellationException e) {
      if (stalled) {
        throw stallFailure(e);
      }
      return null;
    } catch (ExecutionException e) {
      if (stalled) {
        throw stallFailure(e);
      }
      if (closed) {
        return null;
      }
      throw connectFailure(e.getCause());
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  private FeedException connectFailure(Throwable cause) {
    String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (cause instanceof HttpConnectTimeoutException) {
      return new FeedException("cannot connect to " + where + " within " + seconds(connectTimeout.toNanos() / 1_000)
          + " for " + uri, cause);
    }
    if (cause instanceof ConnectException) {
      return new FeedException("cannot connect to " + where + " for " + uri + ": connection refused", cause);
    }
    if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
        || (cause != null && cause.getCause() instanceof UnresolvedAddressException)) {
      return new FeedException("unknown host " + uri.getHost() + " in " + uri, cause);
    }
    if (cause instanceof SSLException) {
      return new FeedException("TLS with " + where + " failed for " + uri + ": " + cause.getMessage(), cause);
    }
    return new FeedException("request to " + uri + " failed: " + describe(cause), cause);
  }

  private static String describe(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String statusText(int status) {
    return switch (status) {
      case 400 -> " Bad Request";
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      case 410 -> " Gone";
      case 500 -> " Internal Server Error";
      case 502 -> " Bad Gateway";
      case 503 -> " Service Unavailable";
      case 504 -> " Gateway Timeout";
      default -> "";
    };
  }

  private static String seconds(long micros) {
    return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
  }

  /** Gives up on a server that has sent nothing, headers or body, for the stall timeout. */
  @Override
  public void tick(long nowMicros) {
    if (closed || stalled || nowMicros - lastProgressMicros <= stallMicros) {
      return;
    }
    stalled = true;
    StreamFeed body = stream;
    if (body != null) {
      body.close(); // the blocked read fails, and run reports the stall
    } else if (!responded && pending != null) {
      pending.cancel(true);
    }
  }

  @Override
  public long skippedBytes() {
    StreamFeed body = stream;
    return body == null ? 0 : body.skippedBytes();
  }

  @Override
  public long resyncs() {
    StreamFeed body = stream;
    return body == null ? 0 : body.resyncs();
  }

  @Override
  public String description() {
    return uri.toString();
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<HttpResponse<InputStream>> request = pending;
    if (request != null) {
      request.cancel(true);
    }
    StreamFeed body = stream;
    if (body != null) {
      body.close();
    }
  }

  /** Notes when bytes last came, for the stall check. */
  private final class ProgressInputStream extends FilterInputStream {
    ProgressInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        lastProgressMicros = clock.nowMicros();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        lastProgressMicros = clock.nowMicros();
      }
      return n;
    }
  }
}
