package io.swarmtv.discovery.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one virtual LAN: every announcement one makes is heard by the other at once. The
 * clock moves in 100 ms steps, as {@link LanDiscovery}'s timer does.
 */
class LanAnnouncerTest {
  static final InfoHash CHANNEL = LsdMessageTest.A;
  final ManualClock clock = new ManualClock();
  final InetAddress ipA = InetAddress.getLoopbackAddress();
  final InetAddress ipB = addr("192.168.1.20");
  final LanAnnouncer a = new LanAnnouncer("aaaa", clock);
  final LanAnnouncer b = new LanAnnouncer("bbbb", clock);
  final List<InetSocketAddress> foundByA = new ArrayList<>();
  final List<InetSocketAddress> foundByB = new ArrayList<>();
  int sent;

  private static InetAddress addr(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One timer tick on both: what each sends is heard by both (a node hears its own echo too). */
  void step() {
    for (LsdMessage m : a.due()) {
      sent++;
      a.received(m, ipA);
      b.received(m, ipA);
    }
    for (LsdMessage m : b.due()) {
      sent++;
      b.received(m, ipB);
      a.received(m, ipB);
    }
    clock.advanceSeconds(0.1);
  }

  @Test
  void aNodeStartingLaterFindsAndIsFoundWithinOneRoundTripNotAnInterval() {
    a.track(CHANNEL, 7001, foundByA::add);
    for (int i = 0; i < 100; i++) {
      step(); // a has been announcing alone for ten seconds
    }
    assertEquals(2, sent, "at once, then once more a second later");
    b.track(CHANNEL, 7002, foundByB::add);
    step();
    step();
    assertEquals(List.of(new InetSocketAddress(ipA, 7001)), foundByB, "b heard a's answer");
    assertEquals(List.of(new InetSocketAddress(ipB, 7002)), foundByA, "a heard b's announcement; its own echo is ignored");
  }

  @Test
  void answersAreRateLimitedAndKnownPeersAreNotAnsweredAgain() {
    a.track(CHANNEL, 7001, foundByA::add);
    b.track(CHANNEL, 7002, foundByB::add);
    for (int i = 0; i < 600; i++) {
      step(); // a minute
    }
    // Each sends at 0 s, 1 s and 60 s; the first exchange needs no answers as both start together.
    assertTrue(sent <= 6, "sent " + sent);
    assertTrue(foundByA.size() >= 2 && foundByA.stream().allMatch(p -> p.getPort() == 7002));
  }

  @Test
  void announcementsForOtherSwarmsAreIgnoredAndGroupedByPort() {
    InfoHash other = LsdMessageTest.B;
    a.track(CHANNEL, 7001, foundByA::add);
    a.track(other, 7001, foundByA::add);
    List<LsdMessage> due = a.due();
    assertEquals(1, due.size());
    assertEquals(2, due.get(0).infoHashes().size());
    b.received(due.get(0), ipA);
    assertTrue(foundByB.isEmpty());
    a.untrack(CHANNEL);
    a.untrack(other);
    clock.advanceSeconds(120);
    assertTrue(a.due().isEmpty());
  }
}
