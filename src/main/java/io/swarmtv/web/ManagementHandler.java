package io.swarmtv.web;

import io.swarmtv.hls.ChannelM3u;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The household-facing side of the gateway's web server: the REST API and its live events under
 * {@code /api}, Prometheus metrics at {@code /metrics} and the management page at {@code /}.
 * Declines (returns false) every other path, so it sits in front of the media handlers. On a
 * graceful stop it ends the pages' event streams, which would otherwise hold the stop to its timeout.
 */
public final class ManagementHandler extends Handler.Abstract implements Graceful {
  private final ApiHandler api;
  private final EventsHandler events;
  private final EventStream stream;
  private final MetricsHandler metrics;
  private final PageHandler page = new PageHandler();
  private final GatewayControl control;
  private volatile boolean shutdown;

  public ManagementHandler(GatewayControl control) {
    this.control = control;
    this.api = new ApiHandler(new ApiRequests(control));
    this.stream = new EventStream(base -> ApiRequests.snapshot(control, base).toString());
    this.events = new EventsHandler(stream);
    this.metrics = new MetricsHandler(new GatewayMetrics(control));
    control.onUpdate(stream::publish);
  }

  /** Whether {@code path} is one of this handler's. */
  public static boolean serves(String path) {
    return path.equals("/") || path.equals("/api") || path.startsWith("/api/") || path.equals(MetricsHandler.PATH)
        || path.startsWith(PageHandler.PREFIX) || path.equals(M3uHandler.PATH);
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    shutdown = true;
    stream.endAll();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (!serves(path)) {
      return false;
    }
    if (path.equals(EventsHandler.PATH)) {
      return events.handle(request, response, callback);
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      return api.handle(request, response, callback);
    }
    if (!PageHandler.readOnly(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      HttpReply.error(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET and HEAD");
      return true;
    }
    if (path.equals(MetricsHandler.PATH)) {
      return metrics.handle(request, response, callback);
    }
    if (path.equals(M3uHandler.PATH)) {
      return playlist(request, response, callback);
    }
    return page.handle(request, response, callback);
  }

  /**
   * The M3U of every listed, not stopped channel (joined or not: a player's request joins it),
   * with the household's names and logos, on the address the player used.
   */
  private boolean playlist(Request request, Response response, Callback callback) {
    String base;
    try {
      base = RequestBase.of(request);
    } catch (IllegalArgumentException e) {
      HttpReply.error(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
      return true;
    }
    List<ChannelM3u.Entry> entries = control.channels().stream().filter(c -> !c.stopped())
        .map(c -> new ChannelM3u.Entry(c.id(), c.name(), c.logo())).toList();
    HttpReply.text(request, response, callback, "audio/x-mpegurl; charset=utf-8", HttpReply.LIVE,
        ChannelM3u.renderEntries(base, entries));
    return true;
  }
}
