package io.swarmtv.web;

import io.swarmtv.channel.Chunk;
import io.swarmtv.hls.LiveWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints (never asserts) two figures of the gateway on loopback, with the bundled clip broadcast
 * live through a real swarm:
 *
 * <ul>
 *   <li>part delay: from the arrival at the gateway of a part's last chunk to the part being in
 *       the playlist (it is known complete when the next part's first chunk arrives);
 *   <li>zap time: from a cold join of a running channel to the master playlist answering, and to
 *       the first bytes of the continuous TS stream.
 * </ul>
 *
 * Run: {@code bench/hls-latency.sh [seconds] [zaps]}.
 */
public final class HlsLatencyBenchmark {
  private HlsLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int zaps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    partDelay(seconds);
    for (int i = 0; i < zaps; i++) {
      zap();
    }
    System.exit(0);
  }

  private static void partDelay(int seconds) throws Exception {
    List<Double> delays = Collections.synchronizedList(new ArrayList<>());
    try (LiveGateway live = new LiveGateway(false)) {
      long[] arrivals = {-1, -1}; // the previous chunk's arrival, this one's
      long[] partsBefore = {0};
      live.join(c -> {
        arrivals[0] = arrivals[1];
        arrivals[1] = System.nanoTime();
        partsBefore[0] = parts(live.channel.window());
      }, c -> {
        // a chunk that starts a part completes the one before, whose last chunk came just before it
        if (arrivals[0] >= 0 && parts(live.channel.window()) > partsBefore[0]) {
          delays.add((System.nanoTime() - arrivals[0]) / 1e6);
        }
      });
      Thread.sleep(seconds * 1000L);
    }
    System.out.printf(Locale.ROOT, "part delay (last chunk of a part -> part listed), %d parts: %s%n", delays.size(),
        summary(delays));
  }

  private static long parts(LiveWindow w) {
    long n = w.openParts();
    for (var s : w.segments()) n += s.parts().size();
    return n + w.ended() * 1000;
  }

  private static void zap() throws Exception {
    try (LiveGateway live = new LiveGateway(false)) {
      Thread.sleep(5000); // the channel has been on the air a while
      HttpClient http = HttpClient.newHttpClient();
      live.join(c -> { }, c -> { });
      long t0 = live.joinedAtNanos;
      var tsFirst = http.sendAsync(HttpRequest.newBuilder(URI.create(live.ts())).build(),
          HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
            try (var in = r.body()) {
              in.read();
              return System.nanoTime();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      HttpResponse<String> master = http.send(HttpRequest.newBuilder(URI.create(live.hls())).build(),
          HttpResponse.BodyHandlers.ofString());
      long hlsNanos = System.nanoTime() - t0;
      long tsNanos = tsFirst.get() - t0;
      System.out.printf(Locale.ROOT, "zap: cold join -> playable HLS (status %d) %.0f ms, first TS bytes %.0f ms%n",
          master.statusCode(), hlsNanos / 1e6, tsNanos / 1e6);
    }
  }

  private static String summary(List<Double> values) {
    if (values.isEmpty()) return "none";
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, max %.1f ms", v.get(v.size() / 2),
        v.get((int) (v.size() * 0.9)), v.get(v.size() - 1));
  }
}
