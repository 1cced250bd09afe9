package io.swarmtv.dlna;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the gateway's MediaServer presents itself.
 *
 * @param friendlyName the name TVs list the server under
 * @param dataDirectory where the server's UDN is kept across restarts
 * @param httpPort the gateway's HTTP port, which serves {@code /ts/{ch}}
 * @param features the DLNA description of the streams, with its per-TV-model flags
 */
public record MediaServerSettings(String friendlyName, Path dataDirectory, int httpPort, StreamFeatures features) {
  public MediaServerSettings {
    Objects.requireNonNull(friendlyName, "friendlyName");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(features, "features");
    if (friendlyName.isBlank() || friendlyName.length() > 64) {
      throw new IllegalArgumentException("the DLNA name must be 1 to 64 characters, not \"" + friendlyName + "\"");
    }
    if (httpPort < 1 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port out of range: " + httpPort);
    }
  }

  /** The default name, "swarmtv on HOSTNAME". */
  public static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "this gateway");
    }
    int dot = host.indexOf('.');
    String name = "swarmtv on " + (dot > 0 ? host.substring(0, dot) : host);
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
