package io.swarmtv.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.swarmtv.swarm.SwarmStats;
import io.swarmtv.testing.FfprobePackets;
import io.swarmtv.testing.RealTools;
import io.swarmtv.ts.Timestamps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real players on a running gateway: ffmpeg reads the live HLS (MPEG-TS and fMP4 variants) and
 * the continuous TS for over 30 seconds each while ten more players fetch the HLS; everything decodes without an error, time
 * runs on across segments and the clip's loop, and the swarm carried the channel once.
 */
class GatewayPlayersTest {
  private static final int SECONDS = 32;
  private static final int PLAYERS = 10;

  @Test
  void ffmpegPlaysHlsAndTsAndTenPlayersCostOneDownload(@TempDir Path dir) throws Exception {
    RealTools.require("ffmpeg");
    RealTools.require("ffprobe");
    try (LiveGateway live = new LiveGateway(true)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> master = http.send(HttpRequest.newBuilder(URI.create(live.hls())).build(),
          HttpResponse.BodyHandlers.ofString());
      double zapMillis = (System.nanoTime() - live.joinedAtNanos) / 1e6;
      assertEquals(200, master.statusCode(), master.body());
      System.out.printf(Locale.ROOT, "channel start to a playable master playlist on loopback: %.0f ms%n", zapMillis);

      Path hlsOut = dir.resolve("hls.ts");
      Path tsOut = dir.resolve("ts.ts");
      Path cmafOut = dir.resolve("cmaf.ts");
      String cmafUrl = live.hls().replace("index.m3u8", "media-cmaf.m3u8");
      CompletableFuture<RealTools.ProcessResult> cmaf = CompletableFuture.supplyAsync(() -> RealTools.runAllowingFailure(
          Duration.ofSeconds(SECONDS + 40), "ffmpeg", "-nostdin", "-v", "error", "-i", cmafUrl, "-t",
          Integer.toString(SECONDS), "-c", "copy", "-f", "mpegts", cmafOut.toString()));
      CompletableFuture<RealTools.ProcessResult> hls = CompletableFuture.supplyAsync(() -> RealTools.runAllowingFailure(
          Duration.ofSeconds(SECONDS + 40), "ffmpeg", "-nostdin", "-v", "error", "-i", live.hls(), "-t",
          Integer.toString(SECONDS), "-c", "copy", "-f", "mpegts", hlsOut.toString()));
      CompletableFuture<RealTools.ProcessResult> ts = CompletableFuture.supplyAsync(() -> RealTools.runAllowingFailure(
          Duration.ofSeconds(SECONDS + 40), "ffmpeg", "-nostdin", "-v", "error", "-i", live.ts(), "-t",
          Integer.toString(SECONDS), "-c", "copy", "-f", "mpegts", tsOut.toString()));
      SwarmStats before = live.gateway.stats();
      long publishedBefore = live.publishedBytes.get();
      AtomicLong served = new AtomicLong();
      List<CompletableFuture<Integer>> players = new ArrayList<>();
      for (int i = 0; i < PLAYERS; i++) {
        players.add(CompletableFuture.supplyAsync(() -> play(http, live, SECONDS * 1000L, served)));
      }
      for (CompletableFuture<Integer> p : players) {
        assertTrue(p.get() >= SECONDS / 2 - 4, "a player fetched the segments of its " + SECONDS + " s");
      }
      SwarmStats after = live.gateway.stats();
      long downloaded = after.payloadBytesDown() - before.payloadBytesDown();
      long published = live.publishedBytes.get() - publishedBefore;
      System.out.printf(Locale.ROOT, "ten players: the gateway downloaded %d bytes from the swarm while the source published"
          + " %d and the players fetched %d%n", downloaded, published, served.get());
      assertTrue(downloaded <= published * 1.2 + 64 * 1024, "the channel came down once: " + downloaded + " of " + published);
      assertTrue(served.get() > 6 * downloaded, "the players were served many times what was downloaded: " + served.get());

      for (var run : List.of(hls.get(), ts.get(), cmaf.get())) {
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr().strip(), "ffmpeg read the live stream without an error");
      }
      for (Path capture : List.of(hlsOut, tsOut, cmafOut)) {
        var decode = RealTools.runAllowingFailure(Duration.ofSeconds(60), "ffmpeg", "-nostdin", "-v", "error", "-i",
            capture.toString(), "-f", "null", "-");
        assertEquals(0, decode.exitCode(), decode.stderr());
        assertEquals("", decode.stderr().strip(), capture + " decodes without an error");
        List<FfprobePackets.Packet> video = FfprobePackets.of(capture, "v:0").packets();
        assertTrue(video.get(0).keyframe(), capture + " starts at a keyframe");
        for (int i = 1; i < video.size(); i++) {
          assertTrue(video.get(i).dts() > video.get(i - 1).dts(), capture + ": DTS increases at packet " + i);
        }
        long span = video.get(video.size() - 1).pts() - video.get(0).pts();
        assertTrue(span >= (SECONDS - 2) * Timestamps.HZ, capture + " holds over 30 s of video: " + span / 90_000.0);
        long audio = FfprobePackets.of(capture, "a:0").packets().size();
        assertTrue(audio > 30 * 40, capture + " carries the audio too: " + audio + " packets");
      }
      assertTrue(Files.size(hlsOut) > 3_000_000);
    }
  }

  /** A plain HLS player: reloads the media playlist and fetches each new segment, for {@code millis}. */
  private static int play(HttpClient http, LiveGateway live, long millis, AtomicLong served) {
    String base = live.base() + "/hls/" + live.key.id() + "/";
    Set<String> fetched = new HashSet<>();
    long end = System.currentTimeMillis() + millis;
    try {
      while (System.currentTimeMillis() < end) {
        String text = http.send(HttpRequest.newBuilder(URI.create(base + "media.m3u8")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        var playlist = new MediaPlaylistParser(ParsingMode.LENIENT).readPlaylist(text);
        var segments = playlist.mediaSegments();
        for (var s : segments.subList(Math.max(0, segments.size() - 3), segments.size())) {
          if (fetched.add(s.uri())) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + s.uri())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            served.addAndGet(r.body().length);
          }
        }
        Thread.sleep(1000);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return fetched.size();
  }
}
