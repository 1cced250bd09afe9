package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {

  record Run(int exit, String out, String err) {}

  static Run swarmtv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void jsonReportForMachinesAndProgressOnStandardError() throws Exception {
    Run run = swarmtv("simulate", "--peers", "20", "--minutes", "0.2", "--seed", "4", "--nat", "20", "--json",
        "--progress", "0.001");
    assertEquals(0, run.exit(), run.err());
    JsonNode r = new ObjectMapper().readTree(run.out());
    assertEquals(20, r.path("joined").asInt());
    assertEquals(300, r.path("chunks").asInt(), "12 s at 25 chunks a second");
    assertEquals(20, r.path("settings").path("peers").asInt());
    assertEquals(4, r.path("settings").path("seed").asInt());
    assertTrue(r.path("continuity").asDouble() > 0.9, run.out());
    assertTrue(r.path("delayP99Micros").asLong() >= r.path("delayP50Micros").asLong());
    assertTrue(r.path("delayP50Micros").asLong() >= r.path("boundP50Micros").asLong());
    assertTrue(r.path("sourceUploadRatio").asDouble() > 0);
    assertEquals((double) r.path("delayP99Micros").asLong() / r.path("boundP99Micros").asLong(),
        r.path("p99OverBound").asDouble(), 1e-9);
    assertTrue(run.err().contains("simulated "), "progress lines: " + run.err());
  }

  @Test
  void textReportInTheLoopbackBenchmarksShape() {
    Run run = swarmtv("simulate", "--peers", "10", "--minutes", "0.1", "--uplinks", "5:50,20:50");
    assertEquals(0, run.exit(), run.err());
    String first = run.out().lines().findFirst().orElseThrow();
    assertTrue(first.matches("10 peers, 150 chunks: delay behind the source p50 \\d+ ms, p99 \\d+ ms; continuity"
        + " [0-9.]+; source uploads [0-9.]+x the stream; control overhead [0-9.]+%"), first);
    assertTrue(run.out().contains("lower bound on this network"), run.out());
    assertTrue(run.out().contains("startup of joiners: p50"), run.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--peers 0|peers must be 1..",
      "--peers 10 --uplinks 1:50,5:40|add up to 100",
      "--peers 10 --rtt 5|--rtt must be MIN_MS:MAX_MS",
      "--peers 10 --rtt 50:10|round-trip times",
      "--peers 10 --nat 120|peers behind NAT must be 0..100",
      "--peers 10 --minutes 0|--minutes must be above 0",
      "--peers 10 --chunk-bytes 100000|chunk bytes must be",
      "--peers 10 --upload-limit-share 2|share of the uplink must be 0..1"})
  void badOptionsAreOneLineErrors(String args, String why) {
    String[] a = ("simulate " + args).split(" ");
    Run run = swarmtv(a);
    assertEquals(1, run.exit(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(why), run.err());
    assertEquals("", run.out());
  }
}
