package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerTransportSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    PeerTransportSettings d = PeerTransportSettings.DEFAULT;
    assertEquals(Duration.ofSeconds(5), d.connectTimeout());
    assertEquals(Duration.ofSeconds(5), d.handshakeTimeout());
    assertEquals(Duration.ofSeconds(10), d.pingInterval());
    assertEquals(Duration.ofSeconds(30), d.idleTimeout());
    assertEquals(200, d.maxConnections());
    assertEquals(50, d.maxPendingHandshakes());
  }

  @Test
  void nonsenseIsRejected() {
    PeerTransportSettings d = PeerTransportSettings.DEFAULT;
    assertEquals("ping interval PT30S must be shorter than the idle timeout PT30S",
        assertThrows(IllegalArgumentException.class,
            () -> d.withKeepalive(Duration.ofSeconds(30), Duration.ofSeconds(30))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withPort(65536));
    assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLimits(10, 0));
    assertThrows(IllegalArgumentException.class, () -> d.withHandshakeTimeout(Duration.ZERO));
    assertThrows(NullPointerException.class, () -> d.withConnectTimeout(null));
  }
}
