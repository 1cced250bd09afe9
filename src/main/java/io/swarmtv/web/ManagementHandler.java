package io.swarmtv.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
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
  private volatile boolean shutdown;

  public ManagementHandler(GatewayControl control) {
    this.api = new ApiHandler(new ApiRequests(control));
    this.stream = new EventStream(base -> ApiRequests.snapshot(control, base).toString());
    this.events = new EventsHandler(stream);
    this.metrics = new MetricsHandler(new GatewayMetrics(control));
    control.onUpdate(stream::publish);
  }

  /** Whether {@code path} is one of this handler's. */
  public static boolean serves(String path) {
    return path.equals("/") || path.equals("/api") || path.startsWith("/api/") || path.equals(MetricsHandler.PATH)
        || path.startsWith(PageHandler.PREFIX);
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
    return page.handle(request, response, callback);
  }
}
