package io.swarmtv.discovery.lan;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The network interfaces LAN discovery runs on: the ones named, or by default the home-network ones. */
public final class LanInterfaces {
  private LanInterfaces() {}

  /**
   * The interfaces called {@code names}, each checked to be up, multicast-capable and holding an
   * IPv4 address.
   *
   * @throws IllegalArgumentException saying which name is unknown or unusable, and what is there
   */
  public static List<NetworkInterface> named(List<String> names) {
    List<NetworkInterface> out = new ArrayList<>();
    for (String name : names) {
      NetworkInterface ni;
      try {
        ni = NetworkInterface.getByName(name);
      } catch (SocketException e) {
        throw new IllegalArgumentException("cannot read network interface " + name + ": " + e.getMessage(), e);
      }
      if (ni == null) {
        throw new IllegalArgumentException("no network interface called " + name + " (there are: " + allNames() + ")");
      }
      String problem = problem(ni);
      if (problem != null) {
        throw new IllegalArgumentException("network interface " + name + " " + problem);
      }
      if (!out.contains(ni)) {
        out.add(ni);
      }
    }
    return out;
  }

  /**
   * The host's home-network interfaces: up, not loopback, multicast-capable, with a private IPv4
   * address (10/8, 172.16/12, 192.168/16); possibly none.
   */
  public static List<NetworkInterface> homeNetwork() {
    List<NetworkInterface> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isLoopback() && problem(ni) == null
            && Collections.list(ni.getInetAddresses()).stream().anyMatch(InetAddress::isSiteLocalAddress)) {
          out.add(ni);
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return out;
  }

  /** Why an interface cannot carry LAN discovery, or null if it can. */
  private static String problem(NetworkInterface ni) {
    try {
      if (!ni.isUp()) {
        return "is down";
      }
      if (!ni.supportsMulticast()) {
        return "does not support multicast";
      }
    } catch (SocketException e) {
      return "cannot be read: " + e.getMessage();
    }
    if (Collections.list(ni.getInetAddresses()).stream().noneMatch(a -> a instanceof Inet4Address)) {
      return "has no IPv4 address";
    }
    return null;
  }

  private static String allNames() {
    try {
      return String.join(", ", Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .map(NetworkInterface::getName).sorted().toList());
    } catch (SocketException e) {
      return "unknown";
    }
  }
}
