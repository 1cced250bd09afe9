package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.RealTools.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The units in {@code systemd/} are clean for systemd and sandboxed to an exposure of at most 2.0. */
class SystemdUnitsTest {
  private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

  @TempDir Path dir;

  /** The unit with ExecStart's /usr/bin/swarmtv pointing at this checkout's launcher, which exists here. */
  private Path installed(String unit) throws Exception {
    String text = Files.readString(Path.of("systemd", unit));
    Path launcher = Path.of("swarmtv").toAbsolutePath();
    assertTrue(text.contains("/usr/bin/swarmtv "), unit + " runs /usr/bin/swarmtv");
    Path copy = dir.resolve(unit);
    Files.writeString(copy, text.replace("/usr/bin/swarmtv", launcher.toString()));
    return copy;
  }

  @ParameterizedTest
  @ValueSource(strings = {"swarmtv-gateway.service", "swarmtv-broadcast@.service"})
  void verifiesCleanly(String unit) throws Exception {
    RealTools.require("systemd-analyze");
    ProcessResult r = RealTools.runAllowingFailure(Duration.ofSeconds(60), "systemd-analyze", "verify",
        installed(unit).toString());
    assertEquals(0, r.exitCode(), r.stderr());
    // verify exits 0 even on unknown keys and bad values; it only warns, so any output is a finding.
    assertEquals("", (r.stdout() + r.stderr()).strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"swarmtv-gateway.service", "swarmtv-broadcast@.service"})
  void isSandboxedToAnExposureOfAtMostTwo(String unit) throws Exception {
    RealTools.require("systemd-analyze");
    Path copy = installed(unit);
    // A template is rated through an instance of it.
    Path rated = unit.endsWith("@.service") ? Files.copy(copy, dir.resolve(unit.replace("@.", "@news."))) : copy;
    ProcessResult r = RealTools.runAllowingFailure(Duration.ofSeconds(60), "systemd-analyze", "security",
        "--offline=yes", "--threshold=20", rated.toString());
    Matcher m = EXPOSURE.matcher(r.stdout() + r.stderr());
    assertTrue(m.find(), r.stdout() + r.stderr());
    double exposure = Double.parseDouble(m.group(1));
    assertTrue(exposure <= 2.0, unit + " is rated " + exposure + ":\n" + r.stdout());
    assertEquals(0, r.exitCode(), r.stderr());
  }
}
