package io.swarmtv.app;

import io.swarmtv.ingest.ChunkerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --part-duration SECONDS} option of the commands that cut a feed into chunks. */
final class PartDurationOption {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--part-duration", paramLabel = "SECONDS", defaultValue = "0.5",
      description = "LL-HLS part length to cut at, 0.2 to 1 (default: ${DEFAULT-VALUE}).")
  double seconds;

  /** The chunker's settings with this part length. */
  ChunkerSettings chunkerSettings() {
    if (!(seconds >= 0.2 && seconds <= 1.0)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--part-duration must be between 0.2 and 1 seconds, was " + seconds);
    }
    return ChunkerSettings.DEFAULT.withPartMicros(Math.round(seconds * 1e6));
  }
}
