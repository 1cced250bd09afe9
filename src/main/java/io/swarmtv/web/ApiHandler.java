package io.swarmtv.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/...} on Jetty: reads a size-bounded JSON body and writes what {@link ApiRequests}
 * answers. A body must say it is JSON, so a page on another site cannot change channels with a
 * plain form post (a JSON post from there needs a CORS preflight, which the gateway refuses).
 */
final class ApiHandler extends Handler.Abstract {
  private final ApiRequests api;

  ApiHandler(ApiRequests api) {
    this.api = api;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String base;
    try {
      base = RequestBase.of(request);
    } catch (IllegalArgumentException e) {
      write(request, response, callback, ApiRequests.error(HttpStatus.BAD_REQUEST_400, e.getMessage()));
      return true;
    }
    String method = request.getMethod();
    byte[] body = new byte[0];
    if (HttpMethod.POST.is(method) || HttpMethod.PATCH.is(method) || HttpMethod.PUT.is(method)) {
      long declared = request.getLength();
      if (declared > ApiRequests.MAX_BODY_BYTES) {
        write(request, response, callback, tooLarge());
        return true;
      }
      if (declared != 0) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(ApiRequests.JSON_TYPE)) {
          write(request, response, callback, ApiRequests.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
              "send the body as Content-Type: application/json"));
          return true;
        }
        try {
          body = readBounded(request);
        } catch (IOException e) {
          write(request, response, callback, ApiRequests.error(HttpStatus.BAD_REQUEST_400,
              "could not read the body: " + e.getMessage()));
          return true;
        }
        if (body == null) {
          write(request, response, callback, tooLarge());
          return true;
        }
      }
    }
    write(request, response, callback,
        api.answer(method, request.getHttpURI().getPath(), request.getHttpURI().getQuery(), body, base));
    return true;
  }

  /** The body, or null when it runs past the bound (a chunked body declares no length). */
  private static byte[] readBounded(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(ApiRequests.MAX_BODY_BYTES + 1);
      return bytes.length > ApiRequests.MAX_BODY_BYTES ? null : bytes;
    }
  }

  private static ApiAnswer tooLarge() {
    return ApiRequests.error(HttpStatus.PAYLOAD_TOO_LARGE_413,
        "the body is larger than " + ApiRequests.MAX_BODY_BYTES + " bytes");
  }

  private static void write(Request request, Response response, Callback callback, ApiAnswer answer) {
    response.setStatus(answer.status());
    var headers = response.getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    if (answer.allow() != null) {
      headers.put(HttpHeader.ALLOW, answer.allow());
    }
    if (answer.status() == HttpStatus.NO_CONTENT_204) {
      response.write(true, null, callback);
      return;
    }
    headers.put(HttpHeader.CONTENT_TYPE, answer.contentType()
        + (answer.contentType().equals(ApiRequests.JSON_TYPE) ? "; charset=utf-8" : ""));
    headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? null : ByteBuffer.wrap(answer.body()), callback);
  }
}
