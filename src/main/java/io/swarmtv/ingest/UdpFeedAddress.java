package io.swarmtv.ingest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A UDP port to listen on, unicast or a multicast group.
 *
 * @param host local address to listen on, a multicast group to join, or null for all local addresses
 * @param port UDP port, 1..65535
 * @param interfaceName network interface to join the group on ({@code ?interface=}), or null
 * @param interfaceAddress an address of the interface to join the group on ({@code ?localaddr=}),
 *     or null; at most one of the two is given, and neither when the kernel's choice will do
 * @param receiveBufferBytes socket receive buffer asked of the kernel ({@code ?buffer_size=}),
 *     which absorbs bursts while the ingest thread is busy
 */
public record UdpFeedAddress(
    InetAddress host, int port, String interfaceName, InetAddress interfaceAddress, int receiveBufferBytes)
    implements FeedAddress {

  public static final int DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;
  private static final String EXAMPLE = "udp://@:1234 or udp://@239.1.1.1:1234?interface=eth0";

  public UdpFeedAddress {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("udp port must be 1..65535, was " + port);
    }
    if (interfaceName != null && interfaceAddress != null) {
      throw new IllegalArgumentException("give either interface= or localaddr=, not both");
    }
    if (!(host != null && host.isMulticastAddress()) && (interfaceName != null || interfaceAddress != null)) {
      throw new IllegalArgumentException(
          "interface= and localaddr= choose where to join a multicast group, but "
              + (host == null ? "no group" : host.getHostAddress() + " is not a multicast group")
              + " was given; to listen on one local address use udp://@ADDRESS:PORT");
    }
    if (receiveBufferBytes <= 0) {
      throw new IllegalArgumentException("udp buffer_size must be positive, was " + receiveBufferBytes);
    }
  }

  public boolean multicast() {
    return host != null && host.isMulticastAddress();
  }

  /** Parses {@code udp://[@][HOST]:PORT[?interface=NAME|localaddr=ADDRESS][&buffer_size=BYTES]}. */
  static UdpFeedAddress parse(String input) {
    String rest = input.substring("udp://".length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.indexOf('/') >= 0) {
      throw new IllegalArgumentException("udp input takes no path: " + input + " (use " + EXAMPLE + ")");
    }
    int at = rest.lastIndexOf('@');
    if (at > 0) {
      throw new IllegalArgumentException(
          "source-specific multicast (SOURCE@GROUP) is not supported: " + input + " (use " + EXAMPLE + ")");
    }
    String hostPort = rest.substring(at + 1);
    String hostText;
    String portText;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [ in IPv6 address: " + input);
      }
      hostText = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      portText = after.startsWith(":") ? after.substring(1) : null;
    } else {
      int colon = hostPort.lastIndexOf(':');
      hostText = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
      if (hostText.indexOf(':') >= 0) {
        throw new IllegalArgumentException("write an IPv6 address in brackets, as udp://@[ff02::1]:1234, not " + input);
      }
    }
    if (portText == null || portText.isEmpty()) {
      throw new IllegalArgumentException("udp input needs a port: " + EXAMPLE + ", not " + input);
    }
    int port = parsePort(portText, input);
    InetAddress host = hostText.isEmpty() ? null : resolve(hostText, input);

    String interfaceName = null;
    InetAddress interfaceAddress = null;
    int buffer = DEFAULT_RECEIVE_BUFFER;
    for (String option : query.split("&")) {
      if (option.isEmpty()) {
        continue;
      }
      int eq = option.indexOf('=');
      String key = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : option.substring(eq + 1);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("udp option " + key + " needs a value: " + input);
      }
      switch (key) {
        case "interface" -> interfaceName = value;
        case "localaddr" -> interfaceAddress = resolve(value, input);
        case "buffer_size" -> buffer = parsePositive(key, value, input);
        default -> throw new IllegalArgumentException(
            "unknown udp option '" + key + "' in " + input + " (known: interface, localaddr, buffer_size)");
      }
    }
    return new UdpFeedAddress(host, port, interfaceName, interfaceAddress, buffer);
  }

  private static int parsePort(String text, String input) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the input
    }
    throw new IllegalArgumentException("udp port must be a number 1..65535, not '" + text + "' in " + input);
  }

  private static int parsePositive(String key, String text, String input) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the input
    }
    throw new IllegalArgumentException("udp option " + key + " must be a positive number, not '" + text + "' in " + input);
  }

  private static InetAddress resolve(String host, String input) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host '" + host + "' in " + input, e);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("udp://@");
    if (host != null) {
      s.append(host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress());
    }
    s.append(':').append(port);
    String sep = "?";
    if (interfaceName != null) {
      s.append(sep).append("interface=").append(interfaceName);
      sep = "&";
    }
    if (interfaceAddress != null) {
      s.append(sep).append("localaddr=").append(interfaceAddress.getHostAddress());
      sep = "&";
    }
    if (receiveBufferBytes != DEFAULT_RECEIVE_BUFFER) {
      s.append(sep).append("buffer_size=").append(receiveBufferBytes);
    }
    return s.toString();
  }
}
