package io.swarmtv.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ingest.FeedProbe;
import io.swarmtv.ingest.ProbeReport;
import io.swarmtv.ts.TsPacketReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code swarmtv probe}: what a broadcaster runs to check a feed before going live. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {
      "Shows a feed's programs and streams (codec, resolution, frame rate, bitrate, keyframe interval)",
      "and the chunk, part and segment boundaries that ingest would cut."
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INPUT", description = "An MPEG-TS file, or - for standard input.")
  String input;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--chunks", paramLabel = "N", defaultValue = "30",
      description = "List the first N chunks (default: ${DEFAULT-VALUE}); totals always cover all.")
  int listChunks;

  @CommandLine.Mixin PartDurationOption partDuration;

  @Override
  public Integer call() throws Exception {
    ChunkerSettings settings = partDuration.chunkerSettings();
    if (listChunks < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunks must not be negative");
    }
    ProbeReport report;
    try (InputStream in = open(input)) {
      report = new FeedProbe(settings, listChunks).run(new TsPacketReader(in));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report));
    } else {
      ProbeText.print(report, input, out);
    }
    out.flush();
    if (report.packets() == 0) {
      throw new UserException("no MPEG-TS packets found in " + input + " (is it a transport stream?)");
    }
    return 0;
  }

  private static InputStream open(String input) throws java.io.IOException {
    if (input.equals("-")) {
      return new BufferedInputStream(System.in);
    }
    Path p = Path.of(input);
    if (!Files.exists(p)) {
      throw new UserException("no such file: " + input);
    }
    if (Files.isDirectory(p)) {
      throw new UserException(input + " is a directory, not an MPEG-TS file");
    }
    return Files.newInputStream(p);
  }
}
