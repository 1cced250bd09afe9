package io.swarmtv.channel;

import java.io.IOException;
import java.nio.file.Path;

/** A channel key file exists but does not hold a usable Ed25519 private key. */
public final class InvalidKeyFileException extends IOException {
  private final transient Path file;

  public InvalidKeyFileException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }
}
