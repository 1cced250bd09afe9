package io.swarmtv.config;

/** A config or state file that cannot be used; the message names the file, line and key. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
