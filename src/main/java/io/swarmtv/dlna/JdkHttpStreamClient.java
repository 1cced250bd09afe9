package io.swarmtv.dlna;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.jupnp.model.message.StreamRequestMessage;
import org.jupnp.model.message.StreamResponseMessage;
import org.jupnp.model.message.UpnpHeaders;
import org.jupnp.model.message.UpnpMessage;
import org.jupnp.model.message.UpnpResponse;
import org.jupnp.transport.spi.AbstractStreamClient;
import org.jupnp.transport.spi.AbstractStreamClientConfiguration;

/**
 * jUPnP's outgoing HTTP (fetching a router's descriptors, SOAP calls to it, GENA event
 * notifications to subscribed TVs) on {@code java.net.http.HttpClient}, in place of jUPnP's
 * Jetty 9 client. Answers are bounded to {@link #MAX_RESPONSE_BYTES}.
 */
final class JdkHttpStreamClient extends AbstractStreamClient<JdkHttpStreamClient.Settings, HttpRequest> {
  /** The largest answer read: device and service descriptors are tens of KiB. */
  static final int MAX_RESPONSE_BYTES = 512 * 1024;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** How long one request may take, and the pool jUPnP runs requests on. */
  static final class Settings extends AbstractStreamClientConfiguration {
    Settings(ExecutorService executor, int timeoutSeconds) {
      super(executor, timeoutSeconds);
    }
  }

  private final Settings settings;
  private final HttpClient client;

  JdkHttpStreamClient(Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(settings.getTimeoutSeconds()))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Settings getConfiguration() {
    return settings;
  }

  @Override
  protected HttpRequest createRequest(StreamRequestMessage message) {
    HttpRequest.BodyPublisher body;
    if (!message.hasBody()) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (message.getBodyType() == UpnpMessage.BodyType.STRING) {
      body = HttpRequest.BodyPublishers.ofString(message.getBodyString(), message.getContentTypeCharset());
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(message.getBodyBytes());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(message.getUri())
        .timeout(Duration.ofSeconds(settings.getTimeoutSeconds()))
        .method(message.getOperation().getHttpMethodName(), body);
    UpnpHeaders headers = message.getHeaders();
    if (!headers.containsKey("User-Agent")) {
      b.header("User-Agent", settings.getUserAgentValue(message.getUdaMajorVersion(), message.getUdaMinorVersion()));
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    return b.build();
  }

  @Override
  protected Callable<StreamResponseMessage> createCallable(StreamRequestMessage message, HttpRequest request) {
    return () -> {
      HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = r.body()) {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException(request.method() + " " + request.uri() + " answered more than "
            + MAX_RESPONSE_BYTES + " bytes");
      }
      StreamResponseMessage response = new StreamResponseMessage(new UpnpResponse(r.statusCode(), ""));
      response.setHeaders(new UpnpHeaders(r.headers().map()));
      if (bytes.length > 0) {
        if (response.isContentTypeMissingOrText()) {
          response.setBodyCharacters(bytes);
        } else {
          response.setBody(UpnpMessage.BodyType.BYTES, bytes);
        }
      }
      return response;
    };
  }

  @Override
  protected void abort(HttpRequest request) {
    // The JDK client has no abort: the request's own timeout ends it, and the caller stopped waiting.
  }

  @Override
  protected boolean logExecutionException(Throwable t) {
    return false;
  }

  @Override
  public void stop() {
    // HttpClient holds no resources beyond the shared executor, which its owner shuts down.
  }
}
