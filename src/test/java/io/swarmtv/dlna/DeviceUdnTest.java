package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jupnp.model.types.UDN;

class DeviceUdnTest {
  @TempDir Path dir;

  @Test
  void theSameUdnComesBackAfterARestart() throws IOException {
    Path data = dir.resolve("data");
    UDN first = DeviceUdn.loadOrCreate(data);
    UDN again = DeviceUdn.loadOrCreate(data);
    assertEquals(first, again);
    assertNotEquals(first, DeviceUdn.loadOrCreate(dir.resolve("other")), "another data directory is another server");
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(1, files.count(), "the temporary file was left behind");
    }
  }

  @Test
  void aDamagedFileIsNamedNotReplaced() throws IOException {
    Files.writeString(dir.resolve(DeviceUdn.FILE_NAME), "not-a-uuid\n");
    IOException e = assertThrows(IOException.class, () -> DeviceUdn.loadOrCreate(dir));
    assertTrue(e.getMessage().contains(DeviceUdn.FILE_NAME) && e.getMessage().contains("does not hold a UUID"), e.getMessage());
    assertEquals("not-a-uuid\n", Files.readString(dir.resolve(DeviceUdn.FILE_NAME)));
  }

  @Test
  void anOversizedFileIsRefusedWithoutReadingIt() throws IOException {
    Files.write(dir.resolve(DeviceUdn.FILE_NAME), new byte[1 << 20]);
    IOException e = assertThrows(IOException.class, () -> DeviceUdn.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("not a UDN file"), e.getMessage());
  }
}
