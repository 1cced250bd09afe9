package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaServerSettingsTest {
  @Test
  void theDefaultNameIsSwarmtvOnTheShortHostName() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    String shortHost = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    String name = MediaServerSettings.defaultName();
    assertTrue(name.length() <= 64, name);
    assertEquals(("swarmtv on " + shortHost).substring(0, Math.min(64, 11 + shortHost.length())), name);
  }

  @Test
  void namesTvsCannotShowAreRefused() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> new MediaServerSettings(" ", Path.of("data"), 8080, StreamFeatures.live()));
    assertTrue(blank.getMessage().contains("1 to 64 characters"), blank.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new MediaServerSettings("x".repeat(65), Path.of("data"), 8080, StreamFeatures.live()));
    assertThrows(IllegalArgumentException.class,
        () -> new MediaServerSettings("Living room", Path.of("data"), 0, StreamFeatures.live()));
  }
}
