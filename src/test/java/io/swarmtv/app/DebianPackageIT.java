package io.swarmtv.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.RealTools;
import io.swarmtv.testing.RealTools.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Debian package {@code appliance/build-deb.sh} makes from the jar installs and runs. */
class DebianPackageIT {
  @TempDir Path dir;

  @Test
  void buildsInstallsIntoAScratchRootAndRuns() throws Exception {
    RealTools.require("dpkg-deb");
    RealTools.require("dpkg");
    Path jar = Path.of("target", "swarmtv.jar");
    assertTrue(Files.isRegularFile(jar), "failsafe runs after package, which makes " + jar);
    ProcessResult built = RealTools.run(Duration.ofMinutes(2), "appliance/build-deb.sh", jar.toString(), dir.toString());
    Path deb = Path.of(built.stdout().strip());
    assertTrue(Files.isRegularFile(deb), built.stdout());

    String version = RealTools.run(Duration.ofMinutes(1), "java", "-jar", jar.toString(), "--version")
        .stdout().lines().findFirst().orElseThrow().split(" ")[1];
    String info = RealTools.run(Duration.ofMinutes(1), "dpkg-deb", "-I", deb.toString()).stdout();
    assertTrue(info.contains(" Package: swarmtv\n"), info);
    assertTrue(info.contains(" Version: " + version.replace('-', '~') + "\n"), info);
    assertTrue(info.contains(" Depends: openjdk-17-jre-headless | java17-runtime-headless\n"), info);

    String contents = RealTools.run(Duration.ofMinutes(1), "dpkg-deb", "-c", deb.toString()).stdout();
    for (String path : List.of("./usr/bin/swarmtv", "./usr/share/swarmtv/swarmtv.jar",
        "./lib/systemd/system/swarmtv-gateway.service", "./lib/systemd/system/swarmtv-broadcast@.service")) {
      assertTrue(contents.lines().anyMatch(l -> l.endsWith(" " + path)), path + " in\n" + contents);
    }
    assertTrue(contents.lines().anyMatch(l -> l.startsWith("-rwxr-xr-x root/root") && l.endsWith(" ./usr/bin/swarmtv")),
        contents);

    // A scratch root with an empty dpkg database; maintainer scripts run outside it and see DPKG_ROOT.
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createFile(root.resolve("var/lib/dpkg/status"));
    ProcessResult installed = RealTools.runAllowingFailure(Duration.ofMinutes(2), "dpkg", "--root=" + root,
        "--force-script-chrootless", "--force-depends", "--force-not-root", "-i", deb.toString());
    assertEquals(0, installed.exitCode(), installed.stdout() + installed.stderr());
    assertTrue(installed.stdout().contains("Setting up swarmtv (" + version.replace('-', '~') + ")"), installed.stdout());
    assertEquals(Files.readString(Path.of("systemd/swarmtv-gateway.service")),
        Files.readString(root.resolve("lib/systemd/system/swarmtv-gateway.service")));

    ProcessResult ran = RealTools.run(Duration.ofMinutes(1), root.resolve("usr/bin/swarmtv").toString(), "--version");
    assertTrue(ran.stdout().startsWith("swarmtv " + version + "\n"), ran.stdout());
  }
}
