package io.swarmtv.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The REST API under {@code /api} ({@code docs/api.md}) as a plain function from a request to an
 * answer, so tests can drive it without a socket; {@link ApiHandler} puts it on Jetty.
 */
final class ApiRequests {
  /** Largest request body taken. */
  static final int MAX_BODY_BYTES = 16 * 1024;
  /** Longest text a QR code is made for. */
  static final int MAX_QR_TEXT = 1024;
  static final String JSON_TYPE = "application/json";
  static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayControl control;

  ApiRequests(GatewayControl control) {
    this.control = control;
  }

  /**
   * @param path the request path, starting with {@code /api}
   * @param query the raw query string, or null
   * @param body the request body (at most {@link #MAX_BODY_BYTES})
   * @param base scheme and authority the client used, for the URLs in answers
   */
  ApiAnswer answer(String method, String path, String query, byte[] body, String base) {
    try {
      return route(method, path, query, body, base);
    } catch (ChannelConflictException e) {
      return error(HttpStatus.CONFLICT_409, e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST_400, e.getMessage());
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      // the gateway could not do it (a full disk, stopping): say so rather than drop the connection
      return error(HttpStatus.INTERNAL_SERVER_ERROR_500, e.getMessage());
    }
  }

  private ApiAnswer route(String method, String path, String query, byte[] body, String base) {
    switch (path) {
      case "/api/status":
        return only(method, "GET", () -> json(HttpStatus.OK_200, snapshot(control, base)));
      case "/api/gateway":
        if (method.equals("PATCH")) {
          return json(HttpStatus.OK_200, control.setUploadLimit(uploadLimit(object(body))));
        }
        return only(method, "GET, PATCH", () -> json(HttpStatus.OK_200, control.gateway()));
      case "/api/channels":
        if (method.equals("POST")) {
          ObjectNode o = object(body);
          allowOnly(o, Set.of("link", "name", "logo"));
          String link = text(o, "link");
          if (link == null) {
            throw new IllegalArgumentException("\"link\" is missing: paste a channel link (swarmtv:...)");
          }
          ChannelStatus added = control.add(link, text(o, "name"), text(o, "logo"));
          return json(HttpStatus.CREATED_201, channel(added, base));
        }
        return only(method, "GET, POST", () -> json(HttpStatus.OK_200, channels(control, base)));
      case "/api/qr":
        return only(method, "GET", () -> qr(query));
      default:
        break;
    }
    String prefix = "/api/channels/";
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length()) >= 0) {
      return error(HttpStatus.NOT_FOUND_404, "no such API path: " + path);
    }
    String id = path.substring(prefix.length());
    Optional<ChannelStatus> answer;
    switch (method) {
      case "GET", "HEAD" -> answer = control.channel(id);
      case "PATCH" -> {
        ChannelChange change = change(object(body));
        answer = control.change(id, change);
      }
      case "DELETE" -> {
        if (control.remove(id)) {
          return new ApiAnswer(HttpStatus.NO_CONTENT_204, JSON_TYPE, new byte[0], null);
        }
        answer = Optional.empty();
      }
      default -> {
        return notAllowed("GET, PATCH, DELETE");
      }
    }
    return answer.map(c -> json(HttpStatus.OK_200, channel(c, base)))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND_404, "unknown channel " + id));
  }

  /** What the page shows: the gateway and every channel, with URLs on {@code base}. */
  static ObjectNode snapshot(GatewayControl control, String base) {
    ObjectNode o = channels(control, base);
    o.set("gateway", JSON.valueToTree(control.gateway()));
    return o;
  }

  private static ObjectNode channels(GatewayControl control, String base) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("channels");
    control.channels().forEach(c -> list.add(channel(c, base)));
    return o;
  }

  private static ObjectNode channel(ChannelStatus c, String base) {
    ObjectNode o = JSON.valueToTree(c);
    o.set("urls", JSON.valueToTree(ChannelUrls.of(base, c)));
    return o;
  }

  private static ChannelChange change(ObjectNode o) {
    allowOnly(o, Set.of("name", "pinned", "stopped"));
    if (o.isEmpty()) {
      throw new IllegalArgumentException("nothing to change: give \"name\", \"pinned\" or \"stopped\"");
    }
    return new ChannelChange(o.has("name"), text(o, "name"), bool(o, "pinned"), bool(o, "stopped"));
  }

  private static long uploadLimit(ObjectNode o) {
    allowOnly(o, Set.of("uploadLimitBytesPerSecond"));
    JsonNode v = o.get("uploadLimitBytesPerSecond");
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException("\"uploadLimitBytesPerSecond\" must be a whole number of bytes a second, 0 for none");
    }
    return v.asLong();
  }

  private ApiAnswer qr(String query) {
    String text = null;
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("text=")) {
          text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        }
      }
    }
    if (text == null || text.isEmpty() || text.length() > MAX_QR_TEXT) {
      throw new IllegalArgumentException("give ?text= with 1 to " + MAX_QR_TEXT + " characters to encode");
    }
    return new ApiAnswer(HttpStatus.OK_200, "image/svg+xml", QrSvg.of(text).getBytes(StandardCharsets.UTF_8), null);
  }

  private static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException("the request needs a JSON object as its body");
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable body: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    return (ObjectNode) n;
  }

  private static void allowOnly(ObjectNode o, Set<String> fields) {
    for (Iterator<String> i = o.fieldNames(); i.hasNext(); ) {
      String f = i.next();
      if (!fields.contains(f)) {
        throw new IllegalArgumentException("unknown field \"" + f + "\"; expected one of " + fields);
      }
    }
  }

  private static String text(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return v.textValue();
  }

  private static Boolean bool(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("\"" + field + "\" must be true or false");
    }
    return v.booleanValue();
  }

  private static ApiAnswer only(String method, String allow, java.util.function.Supplier<ApiAnswer> get) {
    return method.equals("GET") || method.equals("HEAD") ? get.get() : notAllowed(allow);
  }

  private static ApiAnswer notAllowed(String allow) {
    ApiAnswer e = error(HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed here; use " + allow);
    return new ApiAnswer(e.status(), e.contentType(), e.body(), allow);
  }

  static ApiAnswer json(int status, Object value) {
    try {
      return new ApiAnswer(status, JSON_TYPE, JSON.writeValueAsBytes(value), null);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static ApiAnswer error(int status, String message) {
    return json(status, JSON.createObjectNode().put("error", message));
  }
}
