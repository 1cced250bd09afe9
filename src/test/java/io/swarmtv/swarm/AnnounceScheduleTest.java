package io.swarmtv.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which neighbours hear our news every 100 ms and which every second. */
class AnnounceScheduleTest {
  private static final long T0 = 1_000_000_000_000L;
  private final Handshake hello = new Handshake(VersionRange.SUPPORTED, ChannelKey.generate().id(), PeerId.random(),
      7000, Capabilities.KNOWN);

  private RemotePeer neighbour(int lottery) {
    PeerLink link = new PeerLink() {
      @Override
      public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 7000 + lottery);
      }

      @Override
      public void send(PeerMessage message) {}

      @Override
      public long queuedBytes() {
        return 0;
      }

      @Override
      public void close(GoodbyeReason reason, String detail) {}
    };
    RemotePeer p = new RemotePeer(link, hello, PeerSource.MANUAL, 4, 0, T0, lottery);
    p.announceFrom = 10; // something to tell
    p.announceTo = 12;
    p.lastAnnounceMicros = T0;
    return p;
  }

  @Test
  void childrenPullersAndTheLowestLotteryHearFastTheRestOnceASecond() {
    List<RemotePeer> peers = new ArrayList<>();
    for (int i = 0; i < 12; i++) peers.add(neighbour(100 - i)); // lottery 100, 99, ... 89
    RemotePeer child = peers.get(0); // the highest lottery: fast only as a child
    child.childFrom[2] = 5;
    RemotePeer puller = peers.get(1);
    puller.lastPulledMicros = T0 - 4_000_000;
    RemotePeer formerPuller = peers.get(2);
    formerPuller.lastPulledMicros = T0 - 6_000_000;

    Set<RemotePeer> fast = new HashSet<>(AnnounceSchedule.due(peers, T0 + AnnounceSchedule.FAST_MICROS));
    // child and puller, then the four lowest lotteries (89, 90, 91, 92) make six.
    Set<RemotePeer> expected = new HashSet<>(List.of(child, puller, peers.get(11), peers.get(10), peers.get(9),
        peers.get(8)));
    assertEquals(expected, fast);
    assertEquals(List.of(), AnnounceSchedule.due(peers, T0 + AnnounceSchedule.FAST_MICROS - 1), "not yet");
    assertEquals(12, AnnounceSchedule.due(peers, T0 + AnnounceSchedule.SLOW_MICROS).size(), "a second on, all");

    peers.forEach(p -> p.announceFrom = -1);
    assertEquals(List.of(), AnnounceSchedule.due(peers, T0 + AnnounceSchedule.SLOW_MICROS), "nothing new to tell");
  }
}
