package io.swarmtv.web;

import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The scheme and authority a device used to reach the gateway (its Host header), so every URL
 * handed back is one that device can reach: the LAN address for a TV, loopback only for loopback.
 */
final class RequestBase {
  /** A host name, IPv4 address or bracketed IPv6 address, with an optional port: nothing that could break a URL. */
  private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

  private RequestBase() {}

  /**
   * The base URL, e.g. {@code http://192.168.1.5:8080}; from the local address when the request
   * has no Host.
   *
   * @throws IllegalArgumentException when the Host header is malformed
   */
  static String of(Request request) {
    return of(request.getHeaders().get(HttpHeader.HOST), Request.getLocalAddr(request), Request.getLocalPort(request));
  }

  static String of(String host, String localAddress, int localPort) {
    if (host == null || host.isEmpty()) {
      return "http://" + (localAddress.indexOf(':') >= 0 ? "[" + localAddress + "]" : localAddress) + ":" + localPort;
    }
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("malformed Host header");
    }
    return "http://" + host;
  }
}
