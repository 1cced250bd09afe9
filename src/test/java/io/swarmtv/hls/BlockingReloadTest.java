package io.swarmtv.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** LL-HLS blocking playlist reload and the first-segment wait, on a virtual clock, without sockets. */
class BlockingReloadTest {
  private static final long START = 1_780_000_000_000_000L;
  private final ManualClock clock = new ManualClock(START);
  private final ChannelHls channel = new ChannelHls("ch", () -> "Test", HlsSettings.DEFAULT, clock);
  private final ClipChunks source = new ClipChunks(START);
  private io.swarmtv.channel.Chunk pending = source.next();

  /** Delivers the source's chunks up to {@code micros} of virtual time, ticking as time goes. */
  private void playUntil(long micros) {
    for (long t = clock.nowMicros(); t <= micros; t += 10_000) {
      clock.set(t);
      while (pending.timestampMicros() <= t) {
        channel.accept(pending);
        pending = source.next();
      }
      channel.tick();
    }
  }

  @Test
  void aRequestForTheNextPartIsAnsweredTheMomentItExists() {
    playUntil(START + 7_000_000);
    LiveWindow now = channel.window();
    assertTrue(now.playable());
    PlaylistQuery q = PlaylistQuery.parse("_HLS_msn=" + now.nextMsn() + "&_HLS_part=" + now.openParts());
    assertFalse(q.satisfiedBy(now));
    assertFalse(q.tooFarAhead(now));
    AtomicReference<LiveWindow> answered = new AtomicReference<>();
    List<Long> answeredAt = new ArrayList<>();
    assertTrue(channel.await(q::satisfiedBy, 6_000_000, w -> {
      answered.set(w);
      answeredAt.add(clock.nowMicros());
    }, () -> { throw new AssertionError("timed out"); }));
    long before = clock.nowMicros();
    while (answered.get() == null && clock.nowMicros() < before + 2_000_000) {
      playUntil(clock.nowMicros() + 10_000);
      if (answered.get() == null) {
        assertNull(channel.window().part(q.msn(), q.part()), "the part exists but the request was not answered");
      }
    }
    assertNotNull(answered.get());
    assertNotNull(answered.get().part(q.msn(), q.part()), "the answer holds the part asked for");
    assertEquals(1, answeredAt.size());
    String text = MediaPlaylist.render(answered.get(), false);
    assertTrue(text.contains(SegmentName.part(now.run(), q.msn(), q.part())), text);
  }

  @Test
  void aRequestTooFarAheadIsRefusedAndOneThatCannotBeMetTimesOut() {
    playUntil(START + 7_000_000);
    LiveWindow now = channel.window();
    assertTrue(PlaylistQuery.parse("_HLS_msn=" + (now.lastMsn() + 3)).tooFarAhead(now));
    assertFalse(PlaylistQuery.parse("_HLS_msn=" + (now.lastMsn() + 2)).tooFarAhead(now));
    assertTrue(PlaylistQuery.parse("_HLS_msn=" + now.nextMsn() + "&_HLS_part=" + (now.openParts() + 3)).tooFarAhead(now));
    AtomicBoolean timedOut = new AtomicBoolean();
    PlaylistQuery far = PlaylistQuery.parse("_HLS_msn=" + (now.lastMsn() + 2));
    long wait = 3 * now.targetSeconds() * 1_000_000;
    channel.await(far::satisfiedBy, wait, w -> { }, () -> timedOut.set(true));
    // Nothing more arrives (a stalled swarm): the request is answered 503 after three target durations.
    clock.set(clock.nowMicros() + wait - 1);
    channel.tick();
    assertFalse(timedOut.get());
    clock.set(clock.nowMicros() + 1);
    channel.tick();
    assertTrue(timedOut.get());
  }

  @Test
  void aChannelNotYetPlayableAnswersWithItsFirstSegment() {
    AtomicReference<LiveWindow> answered = new AtomicReference<>();
    channel.await(LiveWindow::playable, 10_000_000, answered::set, () -> { throw new AssertionError("timed out"); });
    playUntil(START + 1_000_000);
    assertNull(answered.get());
    playUntil(START + 5_000_000);
    assertNotNull(answered.get());
    assertEquals(1, answered.get().segments().size(), "answered as soon as the first segment was complete");
  }

  @Test
  void malformedDirectivesAreRefusedWithTheReason() {
    assertEquals("_HLS_msn must be a decimal number, was \"x1\"",
        assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("_HLS_msn=x1")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("_HLS_part=1"));
    assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("_HLS_msn=1&_HLS_skip=NO"));
    assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("_HLS_msn=-1"));
    assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("_HLS_msn=99999999999999999999"));
    assertThrows(IllegalArgumentException.class, () -> PlaylistQuery.parse("a=".repeat(600)));
    assertEquals(new PlaylistQuery(5, 2, true), PlaylistQuery.parse("_HLS_msn=5&_HLS_part=2&_HLS_skip=YES&t=123"));
  }
}
