package io.swarmtv.discovery.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.RealTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two gateways find each other by LAN multicast alone. Multicast runs only inside a network
 * namespace the test makes (loopback, multicast on, a route for 224/4), so the child JVM running
 * {@link LanPairMain} is started under {@code unshare -n}.
 */
class LanDiscoveryTest {
  @Test
  void twoGatewaysInOneHouseFindEachOtherWithoutATrackerAndPlay() {
    RealTools.require("unshare");
    RealTools.require("ip");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec "
        + java + " -cp \"$0\" " + LanPairMain.class.getName();
    RealTools.ProcessResult r = RealTools.runAllowingFailure(Duration.ofSeconds(60), "unshare", "-n", "sh", "-c", script,
        System.getProperty("java.class.path"));
    System.out.print(r.stdout());
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("lan interfaces [lo]"), r.stdout());
    for (String side : List.of("viewer", "source")) {
      assertTrue(r.stdout().contains(side + " sources {MANUAL=0, TRACKER=0, DHT=0, "), "met by LAN alone:\n" + r.stdout());
    }
    assertTrue(r.stderr().contains("LAN discovery: ignored a datagram"), "hostile datagrams are logged: " + r.stderr());
  }

  @Test
  void anUnknownOrUnfitInterfaceIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LanInterfaces.named(List.of("nosuch0")));
    assertTrue(e.getMessage().startsWith("no network interface called nosuch0 (there are: "), e.getMessage());
    assertTrue(e.getMessage().contains("lo"), e.getMessage());
  }

  @Test
  void theDefaultIsNeverLoopback() {
    assertTrue(LanInterfaces.homeNetwork().stream().noneMatch(ni -> {
      try {
        return ni.isLoopback();
      } catch (java.net.SocketException ex) {
        return true;
      }
    }));
  }
}
