package io.swarmtv.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /metrics}: Prometheus' text exposition of {@link GatewayMetrics}. */
final class MetricsHandler extends Handler.Abstract {
  static final String PATH = "/metrics";

  private final GatewayMetrics metrics;

  MetricsHandler(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? null : ByteBuffer.wrap(body), callback);
    return true;
  }
}
