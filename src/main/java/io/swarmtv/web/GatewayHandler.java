package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes the gateway's URLs, answers CORS so a browser player on another origin works, and refuses
 * methods other than GET, HEAD and OPTIONS and paths that try to climb out ({@code ..}, encoded
 * characters, backslashes).
 */
final class GatewayHandler extends Handler.Abstract.NonBlocking {
  private final HlsHandler hls;
  private final TsStreamHandler ts;
  private final M3uHandler m3u;

  GatewayHandler(ChannelDirectory channels, Executor answers) {
    this.hls = new HlsHandler(channels, answers);
    this.ts = new TsStreamHandler(channels);
    this.m3u = new M3uHandler(channels);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var headers = response.getHeaders();
    headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    headers.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Length, Content-Range, Accept-Ranges");
    String method = request.getMethod();
    if (HttpMethod.OPTIONS.is(method)) {
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Range");
      headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
      response.setStatus(HttpStatus.NO_CONTENT_204);
      callback.succeeded();
      return true;
    }
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      headers.put(HttpHeader.ALLOW, "GET, HEAD, OPTIONS");
      HttpReply.error(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET and HEAD");
      return true;
    }
    String path = request.getHttpURI().getPath();
    if (path == null || path.contains("..") || path.contains("%") || path.contains("\\") || path.contains("//")) {
      HttpReply.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "path refused");
      return true;
    }
    if (path.startsWith(HlsHandler.PREFIX)) {
      return hls.handle(request, response, callback);
    }
    if (path.startsWith(TsStreamHandler.PREFIX)) {
      return ts.handle(request, response, callback);
    }
    if (path.equals(M3uHandler.PATH)) {
      return m3u.handle(request, response, callback);
    }
    HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "not found");
    return true;
  }
}
