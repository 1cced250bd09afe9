package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PortMapper against a real router, miniupnpd (nftables backend), in two network namespaces
 * joined by a veth pair: the router's with its LAN and WAN links, the gateway's with its LAN link.
 * upnpc (miniupnpc), a separate IGD client, checks what the router holds.
 */
class PortMapperTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final int PEER_PORT = 6881;
  private static final String LISTING = "TCP  " + PEER_PORT + "->10.0.0.2:" + PEER_PORT + "  'swarmtv peer port'";

  @TempDir Path dir;

  @Test
  void mapsRenewsAndRemovesThePeerPort() throws IOException {
    try (NetNamespace router = NetNamespace.create(); NetNamespace gateway = NetNamespace.create()) {
      startRouter(router, gateway, "allow 1024-65535 10.0.0.0/24 1024-65535");
      NetNamespace.Running mapper = gateway.startJava(NamespacedPortMapper.class, "lan1", Integer.toString(PEER_PORT), "4");
      String mapped = mapper.await("STATUS MAPPED", WAIT);
      assertTrue(mapped.contains("external=11.0.0.2 internal=10.0.0.2 reachable=true"), mapped);
      assertTrue(listMappings(gateway).contains(LISTING), "upnpc does not list the mapping");

      // the lease is 4 s: a renewal is the router accepting the mapping again, with a later time
      String renewed = mapper.await("STATUS MAPPED", WAIT);
      assertFalse(renewed.equals(mapped), renewed);
      assertTrue(listMappings(gateway).contains(LISTING), "the mapping is gone after a renewal");

      mapper.send("quit");
      String removed;
      do {
        removed = mapper.await("STATUS ", WAIT); // skipping renewals that raced the quit
      } while (removed.startsWith("STATUS MAPPED"));
      assertTrue(removed.startsWith("STATUS REMOVED") && removed.contains("reachable=false"), removed);
      mapper.await("CLOSED", WAIT);
      assertFalse(listMappings(gateway).contains(PEER_PORT + "->"), "the mapping is still on the router");
    }
  }

  @Test
  void aRefusedMappingIsReportedAsUnreachable() throws IOException {
    try (NetNamespace router = NetNamespace.create(); NetNamespace gateway = NetNamespace.create()) {
      startRouter(router, gateway, "deny 0-65535 0.0.0.0/0 0-65535");
      NetNamespace.Running mapper = gateway.startJava(NamespacedPortMapper.class, "lan1", Integer.toString(PEER_PORT), "60");
      String failed = mapper.await("STATUS FAILED", WAIT);
      assertTrue(failed.contains("reachable=false"), failed);
      assertTrue(failed.contains("refused to forward port " + PEER_PORT) && failed.contains("UPnP error"), failed);
      mapper.send("quit");
      mapper.await("CLOSED", WAIT);
    }
  }

  /** Links the two namespaces and starts miniupnpd in the router's, with {@code rule} as its permission. */
  private void startRouter(NetNamespace router, NetNamespace gateway, String rule) throws IOException {
    RealTools.require("miniupnpd");
    RealTools.require("nft");
    RealTools.require("upnpc");
    Duration t = Duration.ofSeconds(10);
    RealTools.run(t, "ip", "link", "add", "lan0", "netns", router.name(), "type", "veth", "peer", "name", "lan1",
        "netns", gateway.name());
    router.run(t, "ip", "link", "add", "wan0", "type", "veth", "peer", "name", "wan1");
    // a public-looking outside address: miniupnpd refuses to forward behind a private one
    router.run(t, "ip", "addr", "add", "11.0.0.2/24", "dev", "wan0");
    router.run(t, "ip", "link", "set", "wan0", "up");
    router.run(t, "ip", "link", "set", "wan1", "up");
    router.run(t, "ip", "addr", "add", "10.0.0.1/24", "dev", "lan0");
    router.run(t, "ip", "link", "set", "lan0", "up", "multicast", "on");
    router.run(t, "ip", "route", "replace", "224.0.0.0/4", "dev", "lan0");
    gateway.run(t, "ip", "addr", "add", "10.0.0.2/24", "dev", "lan1");
    gateway.run(t, "ip", "link", "set", "lan1", "up", "multicast", "on");
    gateway.run(t, "ip", "route", "replace", "224.0.0.0/4", "dev", "lan1");

    Path rules = dir.resolve("miniupnpd.nft");
    Files.writeString(rules, """
        table inet swarmtv_test {
          chain forward { type filter hook forward priority 0; policy drop; jump miniupnpd; }
          chain miniupnpd { }
          chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
          chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
          chain prerouting_miniupnpd { }
          chain postrouting_miniupnpd { }
        }
        """);
    router.run(t, "nft", "-f", rules.toString());
    Path conf = dir.resolve("miniupnpd.conf");
    Files.writeString(conf, String.join("\n",
        "ext_ifname=wan0",
        "listening_ip=lan0",
        "http_port=5000",
        "enable_upnp=yes",
        "enable_natpmp=no",
        "secure_mode=yes",
        "system_uptime=yes",
        "uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b",
        "upnp_table_name=swarmtv_test",
        "upnp_nat_table_name=swarmtv_test",
        "upnp_forward_chain=miniupnpd",
        "upnp_nat_chain=prerouting_miniupnpd",
        "upnp_nat_postrouting_chain=postrouting_miniupnpd",
        rule,
        "deny 0-65535 0.0.0.0/0 0-65535",
        ""));
    router.start("miniupnpd", "-d", "-f", conf.toString(), "-P", dir.resolve("miniupnpd.pid").toString());
  }

  private static String listMappings(NetNamespace gateway) {
    return gateway.runAllowingFailure(Duration.ofSeconds(20), "upnpc", "-m", "lan1", "-l").stdout();
  }
}
