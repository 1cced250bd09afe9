package io.swarmtv.app;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --stop-after SECONDS} option of the commands that run until stopped. */
final class StopAfterOption {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--stop-after", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double seconds;

  /** The limit, or null to run until stopped. */
  Duration duration() {
    if (seconds == null) {
      return null;
    }
    if (!(seconds > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--stop-after must be a positive number of seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
