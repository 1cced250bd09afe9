package io.swarmtv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsTest {
  @TempDir Path dir;

  @Test
  void savedSettingsComeBackAndBadFilesAreNamed() throws Exception {
    assertEquals(Optional.empty(), GatewaySettings.load(dir));
    new GatewaySettings(125_000).save(dir);
    assertEquals(Optional.of(new GatewaySettings(125_000)), GatewaySettings.load(dir));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left beside it");
    }

    Files.writeString(dir.resolve(GatewaySettings.FILE_NAME), "{\"uploadLimitBytesPerSecond\": ");
    ConfigException torn = assertThrows(ConfigException.class, () -> GatewaySettings.load(dir));
    assertTrue(torn.getMessage().startsWith("settings file " + dir.resolve("settings.json") + " is not valid"),
        torn.getMessage());
    Files.writeString(dir.resolve(GatewaySettings.FILE_NAME), "{\"uploadLimitBytesPerSecond\": -5}");
    assertTrue(assertThrows(ConfigException.class, () -> GatewaySettings.load(dir)).getMessage()
        .contains("must be 0 (none) or positive"));
    Files.writeString(dir.resolve(GatewaySettings.FILE_NAME), "{\"colour\": 1}");
    assertThrows(ConfigException.class, () -> GatewaySettings.load(dir));
    Files.write(dir.resolve(GatewaySettings.FILE_NAME), new byte[100_000]);
    assertTrue(assertThrows(ConfigException.class, () -> GatewaySettings.load(dir)).getMessage().contains("settings file"));
  }
}
