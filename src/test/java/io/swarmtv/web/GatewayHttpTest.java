package io.swarmtv.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.swarmtv.channel.Chunk;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.ClipChunks;
import io.swarmtv.hls.HlsSettings;
import io.swarmtv.hls.LiveWindow;
import io.swarmtv.hls.SegmentName;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's HTTP answers, on a real Jetty on loopback, for a channel fed from the bundled clip. */
class GatewayHttpTest {
  private static final String ID = "b32jlxrvchefelbbfmf6eyutjp7gpoawkixtzak6rjqh35nek4sq";
  private final MicrosClock clock = MicrosClock.system();
  private final ChannelDirectory channels = new ChannelDirectory();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ChannelHls channel;
  private ClipChunks source;
  private GatewayHttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    channel = new ChannelHls(ID, () -> "News \"Tonight\"", HlsSettings.DEFAULT, clock);
    channels.add(channel);
    ChannelHls empty = new ChannelHls("emptychannel", () -> "Empty",
        HlsSettings.DEFAULT.withPlayableWaitMicros(1_000_000), clock);
    channels.add(empty);
    source = new ClipChunks(clock.nowMicros() - 45_000_000);
    feedUntil(clock.nowMicros()); // 45 s of the clip: segment 0 has left the 30 s window
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, channels);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Chunk pending;

  private void feedUntil(long micros) {
    if (pending == null) pending = source.next();
    while (pending.timestampMicros() <= micros) {
      channel.accept(pending);
      pending = source.next();
    }
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void playlistsAndSegmentsAnswerWithTheirTypesCachingAndCors() throws Exception {
    HttpResponse<byte[]> master = get("/hls/" + ID + "/index.m3u8");
    assertEquals(200, master.statusCode());
    assertEquals("application/vnd.apple.mpegurl", master.headers().firstValue("content-type").orElseThrow());
    assertEquals("*", master.headers().firstValue("access-control-allow-origin").orElseThrow());
    assertTrue(master.headers().firstValue("cache-control").orElseThrow().contains("no-cache"));
    var variants = new MasterPlaylistParser(ParsingMode.STRICT).readPlaylist(text(master)).variants();
    assertEquals("media.m3u8", variants.get(0).uri(), "relative, so it works on whatever host the TV used");
    assertEquals("media-cmaf.m3u8", variants.get(1).uri(), "the fMP4 variant");
    assertEquals(java.util.List.of("avc1.4d401e", "mp4a.40.2"), variants.get(1).codecs());

    var cmaf = new MediaPlaylistParser(ParsingMode.STRICT).readPlaylist(text(get("/hls/" + ID + "/media-cmaf.m3u8")));
    String init = cmaf.mediaSegments().get(0).segmentMap().orElseThrow().uri();
    HttpResponse<byte[]> initReply = get("/hls/" + ID + "/" + init);
    assertEquals(200, initReply.statusCode());
    assertEquals("video/mp4", initReply.headers().firstValue("content-type").orElseThrow());
    assertEquals("ftyp", new String(initReply.body(), 4, 4, StandardCharsets.ISO_8859_1));
    String m4s = cmaf.mediaSegments().get(cmaf.mediaSegments().size() - 1).uri();
    HttpResponse<byte[]> fragment = get("/hls/" + ID + "/" + m4s);
    assertEquals(200, fragment.statusCode());
    assertEquals("moof", new String(fragment.body(), 4, 4, StandardCharsets.ISO_8859_1));
    assertEquals(404, get("/hls/" + ID + "/" + init.replace("init-", "init-9")).statusCode());

    HttpResponse<byte[]> media = get("/hls/" + ID + "/media.m3u8");
    assertEquals(200, media.statusCode());
    var playlist = new MediaPlaylistParser(ParsingMode.STRICT).readPlaylist(text(media));
    String uri = playlist.mediaSegments().get(playlist.mediaSegments().size() - 1).uri();
    assertFalse(uri.contains("/"), "segment URIs are relative: " + uri);
    assertTrue(playlist.mediaSequence() > 0, "45 s of media slid the window on");

    HttpResponse<byte[]> segment = get("/hls/" + ID + "/" + uri);
    assertEquals(200, segment.statusCode());
    assertEquals("video/mp2t", segment.headers().firstValue("content-type").orElseThrow());
    assertTrue(segment.headers().firstValue("cache-control").orElseThrow().contains("immutable"));
    byte[] ts = segment.body();
    assertEquals(0, ts.length % TsPacket.SIZE);
    assertEquals(TsPacket.PAT_PID, TsPacket.pid(ts, 0));
    assertEquals(ts.length, segment.headers().firstValueAsLong("content-length").orElseThrow());

    HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(base + "/hls/" + ID + "/" + uri))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, head.statusCode());
    assertEquals(ts.length, head.headers().firstValueAsLong("content-length").orElseThrow());
    assertEquals(0, head.body().length);

    HttpResponse<byte[]> range = get("/hls/" + ID + "/" + uri, "Range", "bytes=188-375");
    assertEquals(206, range.statusCode());
    assertEquals("bytes 188-375/" + ts.length, range.headers().firstValue("content-range").orElseThrow());
    assertEquals(188, range.body().length);
    assertEquals(ts[188], range.body()[0]);
    assertEquals(416, get("/hls/" + ID + "/" + uri, "Range", "bytes=" + ts.length + "-").statusCode());

    HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/hls/" + ID + "/media.m3u8"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://example.test")
        .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(204, preflight.statusCode());
    assertEquals("*", preflight.headers().firstValue("access-control-allow-origin").orElseThrow());
    assertTrue(preflight.headers().firstValue("access-control-allow-methods").orElseThrow().contains("GET"));
  }

  @Test
  void badRequestsGetPreciseRefusalsNeverAWrongSegment() throws Exception {
    LiveWindow w = channel.window();
    assertEquals(404, get("/hls/nosuchchannel/index.m3u8").statusCode());
    assertEquals(404, get("/ts/nosuchchannel").statusCode());
    HttpResponse<byte[]> malformed = get("/hls/" + ID + "/media.m3u8?_HLS_msn=abc");
    assertEquals(400, malformed.statusCode());
    assertTrue(text(malformed).contains("_HLS_msn must be a decimal number"), text(malformed));
    assertEquals(400, get("/hls/" + ID + "/media.m3u8?_HLS_part=1").statusCode());
    assertEquals(400, get("/hls/" + ID + "/media.m3u8?_HLS_msn=" + (w.lastMsn() + 3)).statusCode());
    assertEquals(404, get("/hls/" + ID + "/" + SegmentName.segment(w.run(), 0)).statusCode(), "left the window");
    assertEquals(404, get("/hls/" + ID + "/" + SegmentName.segment("otherrun", w.lastMsn())).statusCode());
    assertEquals(404, get("/hls/" + ID + "/" + SegmentName.part(w.run(), 0, 0)).statusCode(), "left the window");
    assertEquals(404, get("/hls/" + ID + "/" + SegmentName.part(w.run(), w.lastMsn(), 40)).statusCode(), "no such part");
    assertEquals(404, get("/hls/" + ID + "/passwd").statusCode());
    for (String attack : new String[] {"/hls/" + ID + "/../../etc/passwd", "/hls/%2e%2e/%2e%2e/etc/passwd",
        "/hls/" + ID + "/..%2f..%2fetc%2fpasswd", "/ts/..%5c..%5cwindows"}) {
      String reply = raw("GET " + attack + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String status = reply.substring(9, 12);
      assertTrue(status.equals("400") || status.equals("404"), attack + " -> " + reply);
      assertFalse(reply.contains("root:"), attack);
    }
    HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(base + "/playlist.m3u"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(405, post.statusCode());
  }

  @Test
  void theM3uNamesEveryChannelOnTheHostThePlayerUsed() throws Exception {
    String reply = raw("GET /playlist.m3u HTTP/1.1\r\nHost: 192.168.1.50:8080\r\nConnection: close\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
    assertTrue(reply.contains("#EXTM3U"), reply);
    assertTrue(reply.contains("#EXTINF:-1 tvg-id=\"" + ID + "\" tvg-name=\"News 'Tonight'\",News \"Tonight\"\r\n")
        || reply.contains("#EXTINF:-1 tvg-id=\"" + ID + "\" tvg-name=\"News 'Tonight'\",News \"Tonight\"\n"), reply);
    assertTrue(reply.contains("\nhttp://192.168.1.50:8080/ts/" + ID + "\n"), reply);
    assertTrue(reply.contains("\nhttp://192.168.1.50:8080/ts/emptychannel\n"), reply);
    assertFalse(reply.contains("127.0.0.1"), reply);
    String bad = raw("GET /playlist.m3u HTTP/1.1\r\nHost: evil\"\r\nConnection: close\r\n\r\n");
    assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
  }

  @Test
  void aBlockingReloadIsAnsweredWhenThePartArrives() throws Exception {
    LiveWindow w = channel.window();
    String hinted = SegmentName.part(w.run(), w.nextMsn(), w.openParts());
    CompletableFuture<HttpResponse<byte[]>> reload = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/hls/" + ID
        + "/media.m3u8?_HLS_msn=" + w.nextMsn() + "&_HLS_part=" + w.openParts())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<HttpResponse<byte[]>> part = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/hls/" + ID
        + "/" + hinted)).build(), HttpResponse.BodyHandlers.ofByteArray());
    Thread.sleep(300);
    assertFalse(reload.isDone(), "the playlist waits for the part");
    assertFalse(part.isDone(), "the hinted part waits to exist");
    feedUntil(pending.timestampMicros() + 1_500_000);
    HttpResponse<byte[]> r = reload.get();
    assertEquals(200, r.statusCode());
    assertTrue(text(r).contains(hinted), text(r));
    HttpResponse<byte[]> p = part.get();
    assertEquals(200, p.statusCode());
    assertEquals(channel.window().part(w.nextMsn(), w.openParts()).length(), p.body().length);
  }

  @Test
  void theContinuousStreamStartsWithTheTablesAtAKeyframeAndEndsWhenTheChannelIsLeft() throws Exception {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ts/" + ID)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals("video/mp2t", r.headers().firstValue("content-type").orElseThrow());
    // What a DLNA TV needs to play it: live streaming, and the profile of H.264 Main + AAC at a size
    // past the SD ones (854x480).
    assertEquals("Streaming", r.headers().firstValue("transferMode.dlna.org").orElseThrow());
    String features = r.headers().firstValue("contentFeatures.dlna.org").orElseThrow();
    assertTrue(features.startsWith("DLNA.ORG_PN=AVC_TS_MP_HD_AAC_MULT5_ISO;DLNA.ORG_OP=00;DLNA.ORG_CI=0;"), features);
    assertTrue(r.headers().firstValue("content-length").isEmpty(), "a live stream has no length");
    try (InputStream in = r.body()) {
      byte[] first = in.readNBytes(2 * TsPacket.SIZE);
      assertEquals(TsPacket.PAT_PID, TsPacket.pid(first, 0), "the PAT comes first");
      assertEquals(TsPacket.SYNC, first[TsPacket.SIZE] & 0xFF);
      assertEquals(1, channel.streamClients());
      channels.remove(ID);
      long t0 = System.nanoTime();
      try {
        while (in.read(new byte[65536]) >= 0) {
          assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the stream ends once the channel is left");
        }
      } catch (java.io.IOException ended) {
        // an endless stream ends by an abort
      }
    }
    assertEquals(0, channel.streamClients());
  }

  @Test
  void aChannelNotYetPlayableWaitsABoundedTimeThenSays503() throws Exception {
    HttpResponse<byte[]> r = get("/hls/emptychannel/index.m3u8");
    assertEquals(503, r.statusCode());
    assertTrue(r.headers().firstValue("retry-after").isPresent());
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      in.transferTo(got);
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
