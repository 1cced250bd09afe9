package io.swarmtv.app;

import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.web.GatewayHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Opens the gateway's HTTP port for a role, with an error that says which option to change. */
final class HttpPorts {
  private HttpPorts() {}

  static GatewayHttpServer start(InetAddress bind, int port, String option, ChannelDirectory channels,
      org.eclipse.jetty.server.Handler... front) throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserException(option + " " + port + " is not a port (0..65535)");
    }
    try {
      return GatewayHttpServer.start(bind, port, channels, front);
    } catch (IOException e) {
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new UserException("cannot listen on HTTP port " + port + (bind == null ? "" : " of " + bind.getHostAddress())
            + ": " + e.getMessage() + "; choose another with " + option);
      }
      throw e;
    }
  }

  /**
   * The base URL a player on this machine or the LAN would use: the bound address, else the
   * host's first private LAN address, else loopback.
   */
  static String base(InetAddress bind, int port) {
    InetAddress host = bind != null && !bind.isAnyLocalAddress() ? bind : lanAddress();
    String text = host.getHostAddress();
    return "http://" + (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + port;
  }

  private static InetAddress lanAddress() {
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) continue;
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address && a.isSiteLocalAddress()) return a;
        }
      }
    } catch (SocketException e) {
      // no interface list: loopback still works on this machine
    }
    return InetAddress.getLoopbackAddress();
  }

  /** Prints where players find a channel. */
  static void printUrls(PrintWriter out, String base, String channelId, String label) {
    out.println(label + ":");
    out.println("  HLS (LL-HLS):  " + base + "/hls/" + channelId + "/index.m3u8");
    out.println("  MPEG-TS:       " + base + "/ts/" + channelId);
  }
}
