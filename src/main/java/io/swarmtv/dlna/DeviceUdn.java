package io.swarmtv.dlna;

import io.swarmtv.config.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jupnp.model.types.UDN;

/**
 * The MediaServer's UDN, kept in the data directory so TVs find the same server after a restart
 * (they key their lists and bookmarks on it). Made once from a random UUID: jUPnP's
 * {@code UDN.uniqueSystemIdentifier} reads the host's addresses and fails inside a network
 * namespace.
 */
final class DeviceUdn {
  static final String FILE_NAME = "dlna-udn";
  private static final int MAX_FILE_BYTES = 128;

  private DeviceUdn() {}

  /**
   * Reads the UDN from {@code dataDir}, or makes one and writes it there atomically.
   *
   * @throws IOException when the directory cannot be read or written, or the file holds no UUID
   */
  static UDN loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IOException(file + " is not a UDN file (over " + MAX_FILE_BYTES + " bytes)");
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      try {
        return new UDN(UUID.fromString(text));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " does not hold a UUID: \"" + text + "\"; delete it to make a new one", e);
      }
    }
    UUID id = UUID.randomUUID();
    Files.createDirectories(dataDir);
    try {
      AtomicFile.createNew(file, (id + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (FileAlreadyExistsException raced) {
      // Another start wrote one first: that one is the device's.
      return new UDN(UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    }
    return new UDN(id);
  }
}
