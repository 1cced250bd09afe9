package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.InvalidLinkException;
import io.swarmtv.config.ChannelList;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API, live events and metrics over real HTTP against a running gateway on loopback. */
class GatewayApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path dir;
  private GatewayFixture gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = new GatewayFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static String newLink(String name) {
    return new ChannelLink(ChannelKey.generate().id(), name, List.of()).toString();
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base() + path)).timeout(Duration.ofSeconds(10));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    return http.send(b.build(), BodyHandlers.ofString());
  }

  private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private String error(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    return JSON.readTree(r.body()).get("error").asText();
  }

  private String add(String link, String name) throws Exception {
    String body = JSON.createObjectNode().put("link", link).put("name", name).toString();
    return ok(send("POST", "/api/channels", body), 201).get("id").asText();
  }

  @Test
  void addRenamePinRemoveSurviveARestart() throws Exception {
    String news = newLink("News");
    String sport = newLink(null);
    String weather = newLink("Weather");
    JsonNode added = ok(send("POST", "/api/channels",
        "{\"link\": \"" + news + "\", \"logo\": \"https://logos.example/news.png\"}"), 201);
    String newsId = added.get("id").asText();
    assertEquals("News", added.get("name").asText());
    assertTrue(added.get("joined").asBoolean(), "an added channel is joined");
    assertEquals("https://logos.example/news.png", added.get("logo").asText());
    assertEquals(gateway.base() + "/hls/" + newsId + "/index.m3u8", added.get("urls").get("hls").asText());
    assertEquals(gateway.base() + "/ts/" + newsId, added.get("urls").get("ts").asText());
    String sportId = add(sport, "Sport");
    String weatherId = add(weather, null);

    JsonNode renamed = ok(send("PATCH", "/api/channels/" + sportId, "{\"name\": \"Football\", \"pinned\": true}"), 200);
    assertEquals("Football", renamed.get("name").asText());
    assertTrue(renamed.get("pinned").asBoolean());
    JsonNode stopped = ok(send("PATCH", "/api/channels/" + newsId, "{\"stopped\": true}"), 200);
    assertTrue(stopped.get("stopped").asBoolean());
    assertFalse(stopped.get("joined").asBoolean(), "a stopped channel is left");
    assertEquals(204, send("DELETE", "/api/channels/" + weatherId, null).statusCode());
    assertEquals(404, send("GET", "/api/channels/" + weatherId, null).statusCode());
    assertEquals(2, ok(send("GET", "/api/gateway", null), 200).get("channelsListed").asInt());
    assertEquals(1, ok(send("GET", "/api/gateway", null), 200).get("channelsJoined").asInt(), "only Football is joined");

    gateway.close();
    gateway = new GatewayFixture(dir);
    JsonNode list = ok(send("GET", "/api/channels", null), 200).get("channels");
    assertEquals(2, list.size(), list.toString());
    JsonNode first = list.get(0);
    assertEquals(newsId, first.get("id").asText());
    assertTrue(first.get("stopped").asBoolean());
    assertFalse(first.get("joined").asBoolean());
    assertEquals("https://logos.example/news.png", first.get("logo").asText());
    JsonNode second = list.get(1);
    assertEquals(sportId, second.get("id").asText());
    assertEquals("Football", second.get("name").asText());
    assertTrue(second.get("pinned").asBoolean());
    assertTrue(second.get("joined").asBoolean(), "a pinned channel is joined again at start");

    JsonNode started = ok(send("PATCH", "/api/channels/" + newsId, "{\"stopped\": false}"), 200);
    assertTrue(started.get("joined").asBoolean(), "starting a channel joins it");
    JsonNode unnamed = ok(send("PATCH", "/api/channels/" + sportId, "{\"name\": null}"), 200);
    assertEquals(sportId.substring(0, 12), unnamed.get("name").asText(), "back to the channel's own name");
  }

  @Test
  void badLinksGetChannelLinksOwnMessage() throws Exception {
    for (String bad : List.of("swarmtv:nonsense", "magnet:?xt=urn:btih:abc", "swarmtv:" + "a".repeat(51) + "1",
        newLink("x") + "&tr=ftp://tracker.example/")) {
      String expected = assertThrows(InvalidLinkException.class, () -> ChannelLink.parse(bad)).getMessage();
      String body = JSON.createObjectNode().put("link", bad).toString();
      assertEquals(expected, error(send("POST", "/api/channels", body), 400), bad);
    }
    assertEquals(0, ChannelList.open(dir).entries().size(), "nothing was listed");
    assertTrue(error(send("POST", "/api/channels", "{\"link\": "), 400).startsWith("malformed JSON"));
    assertTrue(error(send("POST", "/api/channels", "[1, 2]"), 400).contains("JSON object"));
    assertTrue(error(send("POST", "/api/channels", "{\"name\": \"x\"}"), 400).contains("\"link\" is missing"));
    assertTrue(error(send("POST", "/api/channels", "{\"link\": 5}"), 400).contains("\"link\" must be a string"));
    assertTrue(error(send("POST", "/api/channels", "{\"link\": \"" + newLink(null) + "\", \"colour\": 1}"), 400)
        .contains("unknown field \"colour\""));
    assertTrue(error(send("POST", "/api/channels", "{\"link\": \"" + newLink(null) + "\", \"logo\": \"ftp://x/y\"}"), 400)
        .contains("http:// or https://"));
    assertTrue(error(send("POST", "/api/channels", "{\"link\": \"" + newLink(null) + "\", \"name\": \"" + "n".repeat(101)
        + "\"}"), 400).contains("at most 100 characters"));
    String link = newLink("Twice");
    add(link, null);
    assertTrue(error(send("POST", "/api/channels", "{\"link\": \"" + link + "\"}"), 409).contains("already in the list"));
    String id = ChannelLink.parse(link).id().toString();
    assertTrue(error(send("PATCH", "/api/channels/" + id, "{\"pinned\": \"yes\"}"), 400).contains("true or false"));
    assertTrue(error(send("PATCH", "/api/channels/" + id, "{}"), 400).contains("nothing to change"));
    assertTrue(error(send("PATCH", "/api/gateway", "{\"uploadLimitBytesPerSecond\": -1}"), 400).contains("whole number"));
  }

  @Test
  void unknownChannelsAre404AndWrongMethods405() throws Exception {
    String unlisted = ChannelKey.generate().id().toString();
    assertTrue(error(send("GET", "/api/channels/" + unlisted, null), 404).contains("unknown channel"));
    assertEquals(404, send("DELETE", "/api/channels/" + unlisted, null).statusCode());
    assertEquals(404, send("PATCH", "/api/channels/" + unlisted, "{\"pinned\": true}").statusCode());
    assertEquals(404, send("GET", "/api/channels/not-an-id", null).statusCode());
    assertEquals(404, send("GET", "/api/nothing", null).statusCode());

    HttpResponse<String> put = send("PUT", "/api/channels", "{}");
    assertEquals("method not allowed here; use GET, POST", error(put, 405));
    assertEquals("GET, POST", put.headers().firstValue("Allow").orElseThrow());
    assertEquals(405, send("POST", "/api/channels/" + unlisted, "{}").statusCode());
    assertEquals(405, send("DELETE", "/api/gateway", null).statusCode());
    assertEquals(405, send("POST", "/metrics", "{}").statusCode());
    assertEquals(405, send("POST", "/api/events", "{}").statusCode());
    assertEquals(405, send("OPTIONS", "/api/channels", null).statusCode(), "no CORS preflight for changes from other sites");
  }

  @Test
  void bodiesAreBoundedAndMustBeJson() throws Exception {
    String big = "{\"link\": \"" + "x".repeat(20_000) + "\"}";
    assertTrue(error(send("POST", "/api/channels", big), 413).contains("16384 bytes"));
    // The same without a Content-Length: a chunked body is cut off at the bound too.
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(gateway.base() + "/api/channels"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .build();
    assertEquals(413, http.send(chunked, BodyHandlers.ofString()).statusCode());
    HttpRequest form = HttpRequest.newBuilder(URI.create(gateway.base() + "/api/channels"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("link=" + newLink(null))).build();
    assertEquals(415, http.send(form, BodyHandlers.ofString()).statusCode());
    assertEquals(0, ChannelList.open(dir).entries().size());
  }

  @Test
  void theM3uListsEveryChannelNotStoppedWithItsLogoOnTheAddressTheClientUsed() throws Exception {
    String body = JSON.createObjectNode().put("link", newLink("News")).put("logo", "https://logos.example/news.png")
        .toString();
    String news = ok(send("POST", "/api/channels", body), 201).get("id").asText();
    String sport = add(newLink("Sport"), null);
    String off = add(newLink("Off air"), null);
    ok(send("PATCH", "/api/channels/" + off, "{\"stopped\": true}"), 200);
    String reply = raw("GET /playlist.m3u HTTP/1.1\r\nHost: 192.168.1.77:8080\r\nConnection: close\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    String m3u = reply.substring(reply.indexOf("\r\n\r\n") + 4);
    assertTrue(m3u.contains("#EXTM3U\n#EXTINF:-1 tvg-id=\"" + news + "\" tvg-name=\"News\" tvg-logo=\"https://logos.example/news.png\",News\n"
        + "http://192.168.1.77:8080/ts/" + news + "\n"), m3u);
    assertTrue(m3u.contains("#EXTINF:-1 tvg-id=\"" + sport + "\" tvg-name=\"Sport\",Sport\nhttp://192.168.1.77:8080/ts/" + sport + "\n"), m3u);
    assertTrue(!m3u.contains(off), "a stopped channel is left out: " + m3u);
  }

  @Test
  void urlsUseTheAddressTheClientUsed() throws Exception {
    String id = add(newLink("Lan"), null);
    String reply = raw("GET /api/channels/" + id + " HTTP/1.1\r\nHost: 192.168.1.77:8080\r\nConnection: close\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    JsonNode c = JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
    assertEquals("http://192.168.1.77:8080/hls/" + id + "/index.m3u8", c.get("urls").get("hls").asText());
    assertEquals("http://192.168.1.77:8080/ts/" + id, c.get("urls").get("ts").asText());
    assertEquals("http://192.168.1.77:8080/playlist.m3u", c.get("urls").get("m3u").asText());
    assertEquals("#EXTINF:-1 tvg-id=\"" + id + "\",Lan\nhttp://192.168.1.77:8080/ts/" + id,
        c.get("urls").get("m3uEntry").asText());
    assertEquals("Lan", c.get("urls").get("dlnaName").asText());
    String bad = raw("GET /api/channels HTTP/1.1\r\nHost: evil\"host/\r\nConnection: close\r\n\r\n");
    assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void eventsArriveAfterAChange() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(gateway.base() + "/api/events")).build();
    HttpResponse<Stream<String>> events = http.send(req, BodyHandlers.ofLines());
    assertEquals(200, events.statusCode());
    assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    Iterator<String> lines = events.body().iterator();
    JsonNode first = nextStatus(lines);
    assertEquals(0, first.get("channels").size(), "the state comes at once: no channels yet");
    assertEquals(gateway.transport.port(), first.get("gateway").get("peerPort").asInt());

    String id = add(newLink("Live"), null);
    JsonNode seen = null;
    for (int i = 0; i < 20 && seen == null; i++) {
      JsonNode s = nextStatus(lines);
      if (s.get("channels").size() == 1) {
        seen = s.get("channels").get(0);
      }
    }
    assertTrue(seen != null, "an event named the new channel");
    assertEquals(id, seen.get("id").asText());
    assertEquals("Live", seen.get("name").asText());
    assertEquals(gateway.base() + "/ts/" + id, seen.get("urls").get("ts").asText());

    // Stopping the gateway ends the open stream rather than holding the stop to its timeout.
    gateway.close();
    gateway = null;
    assertFalse(CompletableFuture.supplyAsync(() -> {
      while (lines.hasNext()) {
        if (lines.next().startsWith("data: ")) {
          continue; // a last update on the way is fine
        }
      }
      return false;
    }).get(10, TimeUnit.SECONDS), "the event stream ended");
  }

  /** The next {@code status} event's data, waiting at most 10 s. */
  private static JsonNode nextStatus(Iterator<String> lines) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      String event = null;
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && "status".equals(event)) {
          try {
            return JSON.readTree(line.substring(6));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
      throw new IllegalStateException("the event stream ended");
    }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void metricsAndGatewayFigures() throws Exception {
    String id = add(newLink("Metered"), null);
    JsonNode g = ok(send("PATCH", "/api/gateway", "{\"uploadLimitBytesPerSecond\": 250000}"), 200);
    assertEquals(250000, g.get("uploadLimitBytesPerSecond").asLong());
    assertTrue(g.get("reachable").isNull(), "reachability is not known yet");
    assertTrue(g.get("memoryBytes").asLong() > 0);
    assertTrue(g.get("dataBytes").asLong() > 0, "channels.json and settings.json are in the data directory");
    assertTrue(Files.exists(dir.resolve("settings.json")));

    HttpResponse<String> m = send("GET", "/metrics", null);
    assertEquals(200, m.statusCode());
    assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = m.body();
    assertTrue(text.contains("swarmtv_channels_listed 1.0"), text);
    assertTrue(text.contains("swarmtv_channels_joined 1.0"), text);
    assertTrue(text.contains("swarmtv_upload_limit_bytes 250000.0"), text);
    assertTrue(text.contains("swarmtv_channel_viewers{channel=\"" + id + "\"} 0.0"), text);
    assertTrue(text.contains("swarmtv_channel_received_bytes_total{channel=\"" + id + "\"} 0.0"), text);
    assertTrue(text.contains("swarmtv_channel_chunks_total{channel=\"" + id + "\",outcome=\"lost\"}"), text);

    gateway.close();
    gateway = new GatewayFixture(dir);
    assertEquals(250000, ok(send("GET", "/api/gateway", null), 200).get("uploadLimitBytesPerSecond").asLong(),
        "the limit is kept across a restart");
    assertEquals(204, send("DELETE", "/api/channels/" + id, null).statusCode());
    assertFalse(send("GET", "/metrics", null).body().contains(id), "a removed channel's meters go");
  }

  @Test
  void qrCodesAreSvg() throws Exception {
    HttpResponse<String> r = send("GET", "/api/qr?text=" + java.net.URLEncoder.encode("http://192.168.1.5:8080/hls/x/index.m3u8",
        StandardCharsets.UTF_8), null);
    assertEquals(200, r.statusCode());
    assertEquals("image/svg+xml", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("<svg") && r.body().contains("<path d=\"M"), r.body());
    assertEquals(400, send("GET", "/api/qr", null).statusCode());
    assertEquals(400, send("GET", "/api/qr?text=" + "a".repeat(1025), null).statusCode());
  }

  @Test
  void thePageAndThePlayerAreServed() throws Exception {
    HttpResponse<String> page = send("GET", "/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("x-webkit-airplay=\"allow\""));
    assertFalse(page.body().contains("disableRemotePlayback") || page.body().contains("disableremoteplayback"));
    HttpResponse<String> hlsJs = send("GET", "/page/hls.min.js", null);
    assertEquals(200, hlsJs.statusCode());
    assertTrue(hlsJs.body().length() > 100_000, "the whole of hls.js");
    assertEquals(200, send("GET", "/page/app.js", null).statusCode());
    assertEquals(404, send("GET", "/page/nothing.js", null).statusCode());
    assertEquals(400, send("GET", "/page/..%2fapp.js", null).statusCode(), "Jetty refuses an encoded slash");
    assertNull(gateway.directory.get("nothing"));
  }
}
