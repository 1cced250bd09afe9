package io.swarmtv.hls.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.TestFeeds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium's Media Source Extensions, the path hls.js takes in a browser, take the init segment
 * and every fragment, buffer them as one unbroken range, and play. MSE's MP4 parser is stricter
 * than ffmpeg's about box layout and about gaps between fragments.
 */
class Fmp4RemuxerBrowserTest {
  private static final String PAGE = """
      <!doctype html><html><body><script>
      async function run() {
        const v = document.createElement('video');
        v.muted = true;
        document.body.appendChild(v);
        const ms = new MediaSource();
        v.src = URL.createObjectURL(ms);
        await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
        const sb = ms.addSourceBuffer('video/mp4; codecs="' + CODECS + '"');
        const append = buf => new Promise((ok, fail) => {
          sb.addEventListener('updateend', ok, {once: true});
          sb.addEventListener('error', () => fail(new Error('appendBuffer failed')), {once: true});
          sb.appendBuffer(buf);
        });
        await append(await (await fetch('init.mp4')).arrayBuffer());
        for (let i = 0; i < COUNT; i++) {
          await append(await (await fetch('part/' + i)).arrayBuffer());
        }
        ms.endOfStream();
        const ranges = [];
        for (let i = 0; i < sb.buffered.length; i++) ranges.push([sb.buffered.start(i), sb.buffered.end(i)]);
        const start = ranges.length ? ranges[0][0] : 0;
        v.currentTime = start;
        await v.play();
        await new Promise(r => setTimeout(r, 2000));
        const q = v.getVideoPlaybackQuality();
        return {ranges, start, played: v.currentTime - start, error: v.error ? v.error.message : null,
                frames: q.totalVideoFrames, width: v.videoWidth, height: v.videoHeight};
      }
      run().then(r => r, e => ({failure: String(e)}))
           .then(r => fetch('result', {method: 'POST', body: JSON.stringify(r)}));
      </script></body></html>
      """;

  @TempDir
  Path dir;

  @Test
  void chromiumBuffersAndPlaysTheFragments() throws Exception {
    RealTools.require("chromium");
    Path source = TestFeeds.H264_BFRAMES_25.path();
    ChunkedRemux run = ChunkedRemux.of(source).feedAll();
    byte[] init = run.remuxer.initSegment();
    List<Fragment> parts = run.fragments;
    String page = PAGE.replace("CODECS", "'" + run.remuxer.codecs() + "'")
        .replace("COUNT", Integer.toString(parts.size()));

    CompletableFuture<String> result = new CompletableFuture<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/result")) {
        result.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(ex, "text/plain", new byte[0]);
      } else if (path.equals("/")) {
        send(ex, "text/html", page.getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/init.mp4")) {
        send(ex, "video/mp4", init);
      } else if (path.startsWith("/part/")) {
        send(ex, "video/iso.segment", parts.get(Integer.parseInt(path.substring(6))).bytes());
      } else {
        ex.sendResponseHeaders(404, -1);
        ex.close();
      }
    });
    server.start();
    Process browser = new ProcessBuilder("chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
        "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + dir.resolve("profile"),
        "--no-first-run", "http://127.0.0.1:" + server.getAddress().getPort() + "/")
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    JsonNode r;
    try {
      r = new ObjectMapper().readTree(result.get(90, TimeUnit.SECONDS));
    } finally {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
      browser.waitFor(10, TimeUnit.SECONDS);
      server.stop(0);
    }

    assertTrue(r.path("failure").isMissingNode(), r.toString());
    assertTrue(r.path("error").isNull(), r.toString());
    assertEquals(1, r.path("ranges").size(), "one unbroken buffered range: " + r);
    List<FfprobePackets.Packet> video = FfprobePackets.of(source, "v:0").packets();
    double first = video.stream().mapToLong(FfprobePackets.Packet::pts).min().orElseThrow() / 90_000.0;
    double last = video.stream().mapToLong(FfprobePackets.Packet::pts).max().orElseThrow() / 90_000.0;
    JsonNode range = r.path("ranges").get(0);
    // Audio and video both buffered from the first frame to the last (plus its 40 ms).
    assertTrue(Math.abs(range.get(0).asDouble() - first) < 0.05, "buffered from " + range + ", first frame at " + first);
    assertTrue(range.get(1).asDouble() > last - 0.05, "buffered to " + range + ", last frame at " + last);
    assertEquals(320, r.path("width").asInt());
    assertEquals(180, r.path("height").asInt());
    assertTrue(r.path("played").asDouble() > 0.5, "playback advanced: " + r);
    assertTrue(r.path("frames").asInt() > 10, "frames decoded: " + r);
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
