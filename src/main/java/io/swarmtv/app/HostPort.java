package io.swarmtv.app;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Reads {@code HOST:PORT} (or {@code [IPv6]:PORT}) options such as {@code --peer}. */
final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {
  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not HOST:PORT");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new CommandLine.TypeConversionException("write an IPv6 address in brackets: [" + host + "]:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value.substring(colon + 1) + "' in '" + value + "' is not a port");
    }
    if (port < 1 || port > 65535) {
      throw new CommandLine.TypeConversionException("port " + port + " in '" + value + "' is not 1..65535");
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new CommandLine.TypeConversionException("cannot resolve host '" + host + "'");
    }
    return address;
  }
}
