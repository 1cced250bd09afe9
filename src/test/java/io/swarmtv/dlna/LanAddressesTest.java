package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing interfaces, without opening any socket. */
class LanAddressesTest {
  @Test
  void aMissingInterfaceIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LanAddresses.find(List.of("swarmtv-none0"), 0));
    assertEquals("--interface swarmtv-none0: no such network interface", e.getMessage());
  }

  @Test
  void aNamedInterfaceGivesItsIpv4AddressesOnly() throws Exception {
    LanAddresses lo = LanAddresses.find(List.of("lo", "lo"), 0);
    assertEquals(List.of("lo"), lo.interfaceNames());
    assertEquals(List.of(InetAddress.getByName("127.0.0.1")), lo.addresses());
    assertEquals(InetAddress.getByName("127.0.0.1"), lo.addressFacing(InetAddress.getByName("127.3.4.5")));
    assertEquals(null, lo.addressFacing(InetAddress.getByName("192.168.1.2")));
  }

  @Test
  void theDefaultNeverPicksLoopbackOrPublicAddresses() {
    try {
      LanAddresses lan = LanAddresses.find(List.of(), 0);
      assertTrue(lan.addresses().stream().allMatch(InetAddress::isSiteLocalAddress), lan.addresses().toString());
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("no LAN interface found"), e.getMessage());
    }
  }
}
