package io.swarmtv.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** An MPEG-TS file, played out in real time by its PCR. */
public record FileFeedAddress(Path path) implements FeedAddress {

  public FileFeedAddress {
    Objects.requireNonNull(path);
  }

  /** The file at {@code path}, which must exist and be readable now. */
  public static FileFeedAddress of(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("input file not found: " + path);
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException("input is a directory, not a file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("input file is not readable: " + path);
    }
    return new FileFeedAddress(path);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
