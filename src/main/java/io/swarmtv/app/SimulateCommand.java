package io.swarmtv.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swarmtv.sim.Simulation;
import io.swarmtv.sim.SimulationReport;
import io.swarmtv.sim.SimulationSettings;
import io.swarmtv.sim.UplinkMix;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv simulate}: the real swarm scheduler on a modelled network of thousands of peers. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Runs the swarm's own scheduler for N peers on a virtual clock over a modelled network",
      "(uplinks, downlinks, latency, NAT, free riders, churn, a flash crowd) and reports delay behind",
      "the source, continuity, startup time, source upload and control overhead against a lower bound.",
      "Progress goes to standard error, the report to standard output."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--peers", paramLabel = "N", required = true, description = "Viewers at the start.")
  int peers;

  @Option(names = "--minutes", paramLabel = "M", defaultValue = "1",
      description = "Virtual minutes of broadcast (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "The same seed gives the same run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--churn", paramLabel = "PCT_PER_MIN", defaultValue = "0",
      description = "Percent of the viewers that leave abruptly each minute, each replaced by a newcomer (default: ${DEFAULT-VALUE}).")
  double churn;

  @Option(names = "--flash-crowd", paramLabel = "N", defaultValue = "0",
      description = "Extra viewers joining within one minute, half-way through (default: ${DEFAULT-VALUE}).")
  int flashCrowd;

  @Option(names = "--free-riders", paramLabel = "PCT", defaultValue = "0",
      description = "Percent of peers that upload nothing (default: ${DEFAULT-VALUE}).")
  double freeRiders;

  @Option(names = "--nat", paramLabel = "PCT", defaultValue = "0",
      description = "Percent of peers behind NAT, which cannot be dialled (default: ${DEFAULT-VALUE}).")
  double nat;

  @Option(names = "--uplinks", paramLabel = "MBIT:PCT,...", defaultValue = "1:20,5:40,20:30,100:10",
      description = "Mix of peer uplinks (default: ${DEFAULT-VALUE}).")
  String uplinks;

  @Option(names = "--downlink", paramLabel = "MBIT", defaultValue = "50",
      description = "Every peer's downlink, at least its uplink (default: ${DEFAULT-VALUE}).")
  double downlink;

  @Option(names = "--source-uplink", paramLabel = "MBIT", defaultValue = "20",
      description = "The broadcaster's uplink (default: ${DEFAULT-VALUE}).")
  double sourceUplink;

  @Option(names = "--rtt", paramLabel = "MIN_MS:MAX_MS", defaultValue = "10:150",
      description = "Round-trip times between peers range over this (default: ${DEFAULT-VALUE}).")
  String rtt;

  @Option(names = "--chunk-bytes", paramLabel = "B", defaultValue = "7520",
      description = "Payload bytes per chunk (default: ${DEFAULT-VALUE}, a 1.5 Mbit/s stream at 25 chunks a second).")
  int chunkBytes;

  @Option(names = "--chunks-per-second", paramLabel = "N", defaultValue = "25",
      description = "Chunks the broadcaster cuts a second (default: ${DEFAULT-VALUE}).")
  int chunksPerSecond;

  @Option(names = "--ramp", paramLabel = "SECONDS",
      description = "Seconds over which the first viewers join (default: 10, or half the run if shorter).")
  Double ramp;

  @Option(names = "--upload-limit-share", paramLabel = "FRACTION", defaultValue = "0.8",
      description = "Each peer's upload limit as a share of its uplink, 0 for none (default: ${DEFAULT-VALUE}).")
  double uploadLimitShare;

  @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
      description = "Wall seconds between progress lines on standard error (default: ${DEFAULT-VALUE}).")
  double progressSeconds;

  @Override
  public Integer call() throws Exception {
    SimulationSettings settings = settings();
    if (!(progressSeconds > 0)) {
      throw new UserException("--progress must be a positive number of seconds");
    }
    PrintWriter err = spec.commandLine().getErr();
    SimulationReport report = new Simulation(settings).run(p -> {
      err.println(p.line());
      err.flush();
    }, (long) (progressSeconds * 1e9));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.print(report.text());
    }
    out.flush();
    return 0;
  }

  /** The options as settings; anything out of range is a one-line error naming it. */
  SimulationSettings settings() {
    if (!(minutes > 0) || minutes > 24 * 60) {
      throw new UserException("--minutes must be above 0 and at most 1440, was " + minutes);
    }
    long[] rttMicros = rtt();
    try {
      UplinkMix mix = UplinkMix.parse(uplinks);
      SimulationSettings base = SimulationSettings.of(peers, minutes);
      long rampMicros = ramp == null ? base.rampMicros() : Math.round(ramp * 1e6);
      if (ramp != null && !(ramp >= 0)) {
        throw new IllegalArgumentException("--ramp must be 0 or more seconds");
      }
      return new SimulationSettings(peers, base.durationMicros(), seed, churn, flashCrowd, freeRiders, nat, mix,
          downlink, sourceUplink, rttMicros[0], rttMicros[1], chunkBytes, chunksPerSecond, rampMicros, uploadLimitShare, base.swarm());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private long[] rtt() {
    String[] f = rtt.split(":", -1);
    try {
      if (f.length == 2) {
        return new long[] {Math.round(Double.parseDouble(f[0]) * 1000), Math.round(Double.parseDouble(f[1]) * 1000)};
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new UserException("--rtt must be MIN_MS:MAX_MS, for example 10:150, was '" + rtt + "'");
  }
}
