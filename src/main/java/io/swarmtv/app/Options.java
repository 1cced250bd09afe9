package io.swarmtv.app;

import io.swarmtv.ingest.ChunkerSettings;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of option values shared by several commands, reported as usage errors. */
final class Options {
  private Options() {}

  static ChunkerSettings chunkerSettings(CommandSpec spec, double partSeconds) {
    if (!(partSeconds >= 0.2 && partSeconds <= 1.0)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--part-duration must be between 0.2 and 1 seconds, was " + partSeconds);
    }
    return ChunkerSettings.DEFAULT.withPartMicros(Math.round(partSeconds * 1e6));
  }

  /** The {@code --stop-after} duration, or null to run until stopped. */
  static Duration stopAfter(CommandSpec spec, Double seconds) {
    if (seconds == null) {
      return null;
    }
    if (!(seconds > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--stop-after must be a positive number of seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
