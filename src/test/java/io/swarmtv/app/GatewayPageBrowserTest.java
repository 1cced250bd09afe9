package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.InvalidLinkException;
import io.swarmtv.config.ChannelList;
import io.swarmtv.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management page in headless Chromium (driven by playwright-core): add, rename, pin, remove. */
class GatewayPageBrowserTest {
  @TempDir Path dir;

  @Test
  void aUserManagesChannelsOnThePage() throws Exception {
    RealTools.require("node");
    RealTools.require("/usr/bin/chromium");
    Path script = Path.of("src/test/node/page-test.mjs").toAbsolutePath();
    assertTrue(Files.isDirectory(Path.of("src/test/node/node_modules/playwright-core")),
        "playwright-core is not installed: npm ci --ignore-scripts --prefix src/test/node (.ci/run does it)");
    String bad = "swarmtv:" + "b".repeat(40);
    String expected = assertThrows(InvalidLinkException.class, () -> ChannelLink.parse(bad)).getMessage();
    ChannelLink good = new ChannelLink(ChannelKey.generate().id(), "From the link", List.of());
    try (GatewayFixture gateway = new GatewayFixture(dir)) {
      RealTools.ProcessResult r = RealTools.runAllowingFailure(Duration.ofSeconds(90), "node", script.toString(),
          gateway.base() + "/", bad, expected, good.toString(), good.id().toString());
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      assertTrue(r.stdout().contains("bad link: " + expected), r.stdout());
      assertTrue(r.stdout().contains("renamed") && r.stdout().contains("removed"), r.stdout());
    }
    assertEquals(List.of(), ChannelList.open(dir).entries(), "the channel the page removed is gone from the saved list");
  }
}
