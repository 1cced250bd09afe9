package io.swarmtv.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway settings the household changes from the page, kept in {@code settings.json} in the
 * data directory and written atomically.
 *
 * @param uploadLimitBytesPerSecond upload limit for each channel, 0 for none
 */
public record GatewaySettings(long uploadLimitBytesPerSecond) {
  /** The file's name in the data directory. */
  public static final String FILE_NAME = "settings.json";
  private static final int MAX_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public GatewaySettings {
    if (uploadLimitBytesPerSecond < 0) {
      throw new IllegalArgumentException("the upload limit must be 0 (none) or positive, not " + uploadLimitBytesPerSecond);
    }
  }

  /** The saved settings, or empty before anything was saved. */
  public static Optional<GatewaySettings> load(Path dataDir) throws ConfigException {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      return Optional.of(JSON.readValue(AtomicFile.readBounded(file, MAX_BYTES, "settings file"), GatewaySettings.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JacksonException e) {
      throw new ConfigException("settings file " + file + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("settings file " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read the settings file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Saves these settings in {@code dataDir}, replacing the file atomically. */
  public void save(Path dataDir) throws IOException {
    AtomicFile.replace(dataDir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
  }
}
