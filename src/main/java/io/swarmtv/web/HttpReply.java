package io.swarmtv.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes whole answers: a body with its type and caching, a range of it, or a short error text. */
final class HttpReply {
  /** For live playlists: always ask again, they change every part. */
  static final String LIVE = "no-cache, no-store";
  /** For segments and parts: a URL names one byte sequence for good (the run token sees to it). */
  static final String IMMUTABLE = "public, max-age=86400, immutable";

  private HttpReply() {}

  static void text(Request request, Response response, Callback callback, String type, String cache, String body) {
    bytes(request, response, callback, type, cache, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), false);
  }

  /** A body, honouring a Range header when {@code ranges} is set. */
  static void bytes(Request request, Response response, Callback callback, String type, String cache, ByteBuffer body,
      boolean ranges) {
    long length = body.remaining();
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, type);
    headers.put(HttpHeader.CACHE_CONTROL, cache);
    ByteBuffer out = body;
    if (ranges) {
      headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
      ByteRange range;
      try {
        range = ByteRange.parse(request.getHeaders().get(HttpHeader.RANGE), length);
      } catch (IllegalArgumentException e) {
        headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
        error(request, response, callback, HttpStatus.RANGE_NOT_SATISFIABLE_416, e.getMessage());
        return;
      }
      if (range != null) {
        response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
        headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + length);
        out = body.duplicate();
        out.position(body.position() + (int) range.first());
        out.limit(body.position() + (int) range.last() + 1);
        out = out.slice();
      }
    }
    headers.put(HttpHeader.CONTENT_LENGTH, out.remaining());
    if (HttpMethod.HEAD.is(request.getMethod())) {
      response.write(true, null, callback);
    } else {
      response.write(true, out, callback);
    }
  }

  /** A status with a one-line plain-text reason. */
  static void error(Request request, Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, LIVE);
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? null : ByteBuffer.wrap(body), callback);
  }

  /** 503 with a Retry-After: the channel is not ready yet or the wait ran out. */
  static void unavailable(Request request, Response response, Callback callback, String message) {
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    error(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, message);
  }
}
