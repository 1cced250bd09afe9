package io.swarmtv.dlna;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jupnp.transport.spi.NetworkAddressFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LAN interfaces and IPv4 addresses UPnP runs on: the ones named with {@code --interface},
 * else every up, multicast-capable, non-loopback interface with a private IPv4 address. Never
 * the wildcard address, so SSDP and the UPnP HTTP server stay off the internet-facing side.
 */
final class LanAddresses implements NetworkAddressFactory {
  private static final Logger log = LoggerFactory.getLogger(LanAddresses.class);
  private static final InetAddress SSDP_GROUP = ipv4(239, 255, 255, 250);
  private static final int SSDP_PORT = 1900;

  private final List<NetworkInterface> interfaces;
  private final List<InterfaceAddress> addresses;
  private final int streamPort;

  private LanAddresses(List<NetworkInterface> interfaces, List<InterfaceAddress> addresses, int streamPort) {
    this.interfaces = List.copyOf(interfaces);
    this.addresses = List.copyOf(addresses);
    this.streamPort = streamPort;
  }

  /**
   * Finds the interfaces by name, or the private LAN ones when {@code names} is empty.
   *
   * @throws IllegalArgumentException naming the interface that is missing, down or has no IPv4 address,
   *     or saying that no LAN interface was found
   */
  static LanAddresses find(List<String> names, int streamPort) {
    List<NetworkInterface> chosen = new ArrayList<>();
    List<InterfaceAddress> addrs = new ArrayList<>();
    try {
      if (names.isEmpty()) {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (!ni.isUp() || ni.isLoopback() || !ni.supportsMulticast() || ni.isPointToPoint()) {
            continue;
          }
          List<InterfaceAddress> privateV4 = ipv4(ni).stream().filter(a -> a.getAddress().isSiteLocalAddress()).toList();
          if (!privateV4.isEmpty()) {
            chosen.add(ni);
            addrs.addAll(privateV4);
          }
        }
        if (chosen.isEmpty()) {
          throw new IllegalArgumentException("no LAN interface found for DLNA (none is up with a private IPv4 "
              + "address and multicast); name one with --interface");
        }
      } else {
        for (String name : names) {
          NetworkInterface ni = NetworkInterface.getByName(name);
          if (ni == null) {
            throw new IllegalArgumentException("--interface " + name + ": no such network interface");
          }
          if (!ni.isUp()) {
            throw new IllegalArgumentException("--interface " + name + ": the interface is down");
          }
          List<InterfaceAddress> v4 = ipv4(ni);
          if (v4.isEmpty()) {
            throw new IllegalArgumentException("--interface " + name + ": the interface has no IPv4 address");
          }
          if (!chosen.contains(ni)) {
            chosen.add(ni);
            addrs.addAll(v4);
          }
        }
      }
    } catch (SocketException e) {
      throw new IllegalArgumentException("cannot list network interfaces: " + e.getMessage(), e);
    }
    return new LanAddresses(chosen, addrs, streamPort);
  }

  private static List<InterfaceAddress> ipv4(NetworkInterface ni) {
    return ni.getInterfaceAddresses().stream().filter(a -> a.getAddress() instanceof Inet4Address).toList();
  }

  /** The names of the interfaces in use. */
  List<String> interfaceNames() {
    return interfaces.stream().map(NetworkInterface::getName).toList();
  }

  /** Our IPv4 addresses on those interfaces. */
  List<InetAddress> addresses() {
    return addresses.stream().map(InterfaceAddress::getAddress).toList();
  }

  @Override
  public InetAddress getMulticastGroup() {
    return SSDP_GROUP;
  }

  @Override
  public int getMulticastPort() {
    return SSDP_PORT;
  }

  @Override
  public int getMulticastResponsePort() {
    return 0;
  }

  @Override
  public int getStreamListenPort() {
    return streamPort;
  }

  @Override
  public Iterator<NetworkInterface> getNetworkInterfaces() {
    return interfaces.iterator();
  }

  @Override
  public Iterator<InetAddress> getBindAddresses() {
    return addresses().iterator();
  }

  @Override
  public boolean hasUsableNetwork() {
    return !addresses.isEmpty();
  }

  @Override
  public Short getAddressNetworkPrefixLength(InetAddress address) {
    for (InterfaceAddress a : addresses) {
      if (a.getAddress().equals(address)) {
        return a.getNetworkPrefixLength();
      }
    }
    return null;
  }

  @Override
  public byte[] getHardwareAddress(InetAddress address) {
    try {
      NetworkInterface ni = NetworkInterface.getByInetAddress(address);
      return ni == null ? null : ni.getHardwareAddress();
    } catch (SocketException e) {
      return null;
    }
  }

  @Override
  public InetAddress getBroadcastAddress(InetAddress address) {
    for (InterfaceAddress a : addresses) {
      if (a.getAddress().equals(address)) {
        return a.getBroadcast();
      }
    }
    return null;
  }

  /** Our address on {@code ni}, preferring the one in the remote's subnet. */
  @Override
  public InetAddress getLocalAddress(NetworkInterface ni, boolean ipv6, InetAddress remote) {
    InetAddress first = null;
    for (InterfaceAddress a : addresses) {
      if (ni != null && !ni.inetAddresses().anyMatch(a.getAddress()::equals)) {
        continue;
      }
      if (first == null) {
        first = a.getAddress();
      }
      if (remote != null && sameSubnet(a, remote)) {
        return a.getAddress();
      }
    }
    if (first == null) {
      throw new IllegalStateException("no address of ours on interface " + (ni == null ? "?" : ni.getName()));
    }
    return first;
  }

  /** Our address in the subnet of {@code remote}, or null when none of ours is. */
  InetAddress addressFacing(InetAddress remote) {
    for (InterfaceAddress a : addresses) {
      if (sameSubnet(a, remote)) {
        return a.getAddress();
      }
    }
    return null;
  }

  private static boolean sameSubnet(InterfaceAddress a, InetAddress remote) {
    byte[] x = a.getAddress().getAddress();
    byte[] y = remote.getAddress();
    if (x.length != y.length) {
      return false;
    }
    int bits = a.getNetworkPrefixLength();
    for (int i = 0; i < x.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
      if ((x[i] & mask) != (y[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void logInterfaceInformation() {
    log.info("UPnP on {} ({})", interfaceNames(), addresses());
  }

  private static InetAddress ipv4(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
