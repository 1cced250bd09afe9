package io.swarmtv.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The management page: {@code /} and its files under {@code /page/}, from the jar, and hls.js
 * from its WebJar at {@code /page/hls.min.js}, so the page needs nothing from the internet.
 */
final class PageHandler extends Handler.Abstract {
  static final String PREFIX = "/page/";
  private static final String PAGE = "/io/swarmtv/web/page/";
  private static final String HLS_JS = "/META-INF/resources/webjars/hls.js/1.4.12/dist/hls.min.js";
  private static final Pattern FILE = Pattern.compile("[a-z0-9-]{1,40}(\\.min)?\\.(html|css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");

  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String file = path.equals("/") ? "index.html" : path.substring(PREFIX.length());
    if (!FILE.matcher(file).matches()) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "not found");
      return true;
    }
    byte[] body = load(file.equals("hls.min.js") ? HLS_JS : PAGE + file);
    if (body == null) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "not found");
      return true;
    }
    var headers = response.getHeaders();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
    HttpReply.bytes(request, response, callback, type, "no-cache", ByteBuffer.wrap(body), false);
    return true;
  }

  private byte[] load(String resource) {
    byte[] cached = loaded.get(resource);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = PageHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      loaded.put(resource, bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
  }

  /** Whether only GET and HEAD may come here. */
  static boolean readOnly(String method) {
    return HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);
  }
}
