package io.swarmtv.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /api/events}: the page's live updates as Server-Sent Events, one {@code status} event per change. */
final class EventsHandler extends Handler.Abstract.NonBlocking {
  static final String PATH = "/api/events";

  private final EventStream stream;

  EventsHandler(EventStream stream) {
    this.stream = stream;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      reply(response, callback, ApiRequests.error(HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed here; use GET"));
      return true;
    }
    String base;
    try {
      base = RequestBase.of(request);
    } catch (IllegalArgumentException e) {
      reply(response, callback, ApiRequests.error(HttpStatus.BAD_REQUEST_400, e.getMessage()));
      return true;
    }
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put("X-Accel-Buffering", "no"); // a reverse proxy in front must not hold events back
    EventSink sink = new EventSink() {
      @Override
      public void send(String frame, Runnable done, java.util.function.Consumer<Throwable> failed) {
        response.write(false, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), Callback.from(done, error -> {
          failed.accept(error);
          callback.failed(error);
        }));
      }

      @Override
      public void end() {
        response.write(true, null, callback);
      }
    };
    EventStream.Client client = stream.subscribe(base, sink);
    if (client == null) {
      headers.put(HttpHeader.CONTENT_TYPE, ApiRequests.JSON_TYPE);
      headers.put(HttpHeader.RETRY_AFTER, "10");
      reply(response, callback, ApiRequests.error(HttpStatus.SERVICE_UNAVAILABLE_503,
          "too many pages are open on this gateway (" + EventStream.MAX_CLIENTS + ")"));
      return true;
    }
    Request.addCompletionListener(request, error -> client.close());
    return true;
  }

  private static void reply(Response response, Callback callback, ApiAnswer answer) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }
}
