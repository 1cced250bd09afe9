package io.swarmtv.discovery.tracker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.discovery.ChannelDiscovery;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.discovery.TwoSwarms;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: a broadcaster and a viewer that know only a tracker's URL (as a link's {@code tr=}
 * gives it) meet through a real tracker, and the viewer plays.
 */
class TrackerDiscoveryTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"bittorrent-tracker udp", "opentracker http"})
  void aViewerFindsTheBroadcasterThroughTheTrackerAndReceivesItsChunks(String kind) throws Exception {
    try (TwoSwarms swarms = new TwoSwarms(InetAddress.getLoopbackAddress())) {
      NodeTracker node = kind.startsWith("bittorrent") ? NodeTracker.start(600) : null;
      Opentracker open = node == null ? Opentracker.start(dir, swarms.infoHash()) : null;
      URI url = node != null ? node.udp() : open.http();
      try (AutoCloseable tracker = node != null ? node : open;
          PeerDiscovery atSource = PeerDiscovery.start(List.of(), TrackerInteropTest.SETTINGS, MicrosClock.system());
          PeerDiscovery atViewer = PeerDiscovery.start(List.of(), TrackerInteropTest.SETTINGS, MicrosClock.system())) {
        ChannelDiscovery sourceSide = atSource.join(swarms.infoHash(), swarms.sourcePort(), List.of(url), true,
            swarms.source()::addPeer);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sourceSide.status().trackers().get(0).announces() == 1);

        ChannelDiscovery viewerSide = atViewer.join(swarms.infoHash(), swarms.viewerPort(), List.of(url), false,
            swarms.viewer()::addPeer);
        await().atMost(20, TimeUnit.SECONDS).until(() -> swarms.received() >= 25);
        assertEquals(1, swarms.viewerSources().getOrDefault(PeerSource.TRACKER, 0), swarms.viewerSources().toString());

        TrackerStatus s = viewerSide.status().trackers().get(0);
        assertEquals(url, s.tracker());
        assertNull(s.lastError());
        assertTrue(s.peersReturned() >= 1, s.toString());
        assertTrue(s.nextAnnounceMicros() > s.lastAnnounceMicros(), s.toString());

        viewerSide.close();
        if (node != null) {
          await().atMost(5, TimeUnit.SECONDS).until(() -> node.events().contains("stop 127.0.0.1:" + swarms.viewerPort()));
        }
      }
    }
  }
}
