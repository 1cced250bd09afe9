package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The page's preview player plays a live channel that reaches the gateway through a swarm on loopback. */
class GatewayPreviewBrowserTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"native", "hlsjs"})
  void thePreviewPlaysALiveChannel(String player) throws Exception {
    RealTools.require("node");
    RealTools.require("/usr/bin/chromium");
    assertTrue(Files.isDirectory(Path.of("src/test/node/node_modules/playwright-core")),
        "playwright-core is not installed: npm ci --ignore-scripts --prefix src/test/node (.ci/run does it)");
    Path script = Path.of("src/test/node/preview-test.mjs").toAbsolutePath();
    try (LoopbackBroadcast broadcast = new LoopbackBroadcast("Preview");
        GatewayFixture gateway = new GatewayFixture(dir, MicrosClock.system(), 60_000_000, true,
            List.of(broadcast.address()))) {
      String id = gateway.runtime.add(broadcast.link.toString(), null, null).id();
      RealTools.ProcessResult r = RealTools.runAllowingFailure(Duration.ofSeconds(180), "node", script.toString(),
          gateway.base() + "/", id, player);
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      Matcher played = Pattern.compile("played: currentTime ([0-9.]+) -> ([0-9.]+) s").matcher(r.stdout());
      assertTrue(played.find(), r.stdout());
      // Only Safari gets native HLS (for AirPlay); Chromium claims it too, but stalls on our TS variant.
      assertTrue(r.stdout().contains("browser claims native HLS: " + (player.equals("native") ? "maybe" : "no")), r.stdout());
      assertTrue(r.stdout().contains("player: hls.js"), r.stdout());
      assertTrue(Double.parseDouble(played.group(2)) > Double.parseDouble(played.group(1)), r.stdout());
      assertTrue(r.stdout().contains("viewers shown: 1"), "the page's own player counts as a viewer: " + r.stdout());
      System.out.println(r.stdout().strip());
    }
  }
}
