package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.web.ChannelChange;
import io.swarmtv.web.ChannelStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining on demand, counting viewers and leaving idle channels, on a clock the test moves. */
class GatewayRuntimeTest {
  private static final long IDLE = 120_000_000;
  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private GatewayFixture gateway;
  private GatewayRuntime runtime;

  @BeforeEach
  void start() throws Exception {
    gateway = new GatewayFixture(dir, now::get, IDLE, false);
    runtime = gateway.runtime;
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  private String add(String name) {
    return runtime.add(new ChannelLink(ChannelKey.generate().id(), name, List.of()).toString(), null, null).id();
  }

  private ChannelStatus status(String id) {
    return runtime.channel(id).orElseThrow();
  }

  private void after(long micros) {
    now.addAndGet(micros);
    runtime.tick();
  }

  @Test
  void anIdleChannelIsLeftAndJoinedAgainWhenAPlayerAsks() {
    String id = add("Idle");
    assertTrue(status(id).joined());
    assertNotNull(gateway.directory.get(id));
    after(IDLE - 1_000_000);
    assertTrue(status(id).joined(), "not idle long enough yet");
    after(1_000_000);
    assertFalse(status(id).joined(), "left after the idle time with no viewer");
    assertNull(gateway.directory.get(id), "no longer served until asked for");

    ChannelHls hls = runtime.open(id, "192.168.1.20");
    assertNotNull(hls, "a TV asking for a listed channel joins it");
    assertSame(hls, gateway.directory.get(id));
    assertTrue(status(id).joined());
    assertEquals(1, status(id).viewers());
    runtime.open(id, "192.168.1.21");
    runtime.open(id, "192.168.1.20");
    assertEquals(2, status(id).viewers(), "two distinct players");

    // A player that keeps asking keeps the channel joined however long it watches.
    for (int i = 0; i < 30; i++) {
      after(5_000_000);
      runtime.open(id, "192.168.1.20");
    }
    assertTrue(status(id).joined());
    assertEquals(1, status(id).viewers(), "the other player stopped asking more than 10 s ago");
    after(GatewayRuntime.HLS_VIEWER_MICROS);
    assertEquals(0, status(id).viewers());
    after(IDLE);
    assertFalse(status(id).joined());
  }

  @Test
  void pinnedChannelsStayAndStoppedOnesAreNotJoinedOnDemand() {
    String pinned = add("Pinned");
    String stopped = add("Stopped");
    runtime.change(pinned, new ChannelChange(false, null, true, null));
    runtime.change(stopped, new ChannelChange(false, null, null, true));
    assertFalse(status(stopped).joined());
    after(3 * IDLE);
    assertTrue(status(pinned).joined(), "pinned: kept with no viewers");
    assertNull(runtime.open(stopped, "192.168.1.20"), "a stopped channel is not joined for a TV");
    assertFalse(status(stopped).joined());
    assertNull(runtime.open(ChannelKey.generate().id().toString(), "192.168.1.20"), "an unlisted channel is not joined");
    assertNull(runtime.open("not a channel id", null));

    runtime.change(pinned, new ChannelChange(false, null, false, null));
    after(IDLE);
    assertFalse(status(pinned).joined(), "unpinned and unwatched: left");
    runtime.change(stopped, new ChannelChange(false, null, null, false));
    assertTrue(status(stopped).joined(), "started: joined at once");
    assertTrue(runtime.remove(stopped));
    assertNull(gateway.directory.get(stopped), "removed: left");
    assertEquals(List.of(pinned), runtime.channels().stream().map(ChannelStatus::id).toList());
  }

  @Test
  void theListedNameWinsThenTheLinks() {
    String id = add("From the link");
    assertEquals("From the link", gateway.directory.get(id).name());
    runtime.change(id, new ChannelChange(true, "Ours", null, null));
    assertEquals("Ours", gateway.directory.get(id).name(), "the M3U and DLNA show the household's name");
    assertEquals("Ours", status(id).name());
    assertEquals("Ours", status(id).customName());
  }

  @Test
  void joinOptionListsOnceAndStatusLinesNameTheJoinedChannels() {
    ChannelLink link = new ChannelLink(ChannelKey.generate().id(), "From --join", List.of());
    runtime.ensureListed(link);
    runtime.ensureListed(link);
    assertEquals(1, runtime.channels().size());
    assertTrue(status(link.id().toString()).joined());
    java.io.StringWriter text = new java.io.StringWriter();
    runtime.printStatus(new java.io.PrintWriter(text));
    assertTrue(text.toString().startsWith("From --join: 0 peers"), text.toString());
  }
}
