package io.swarmtv.dlna;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Whether the home router forwards the peer port to us, for the status page.
 *
 * @param state where the mapping stands
 * @param router the router's name and description URL, or null before one is found
 * @param externalAddress the router's address on the internet side, or null when unknown
 * @param port the TCP port forwarded (the same number outside and in)
 * @param internalAddress our LAN address the router forwards to, or null before mapping
 * @param leaseSeconds the lease asked for (0: permanent, for routers that only support that)
 * @param renewedAtMicros when the router last confirmed the mapping (the mapper's clock), 0 if never
 * @param detail what went wrong, or a note; "" when nothing to say
 */
public record PortMappingStatus(
    State state,
    String router,
    InetAddress externalAddress,
    int port,
    InetAddress internalAddress,
    long leaseSeconds,
    long renewedAtMicros,
    String detail) {

  /** Where a port mapping stands. */
  public enum State {
    /** No UPnP router has answered yet. */
    SEARCHING,
    /** The router forwards the port to us. */
    MAPPED,
    /** A router was found but refused or failed the mapping; see detail. */
    FAILED,
    /** The mapping was removed at shutdown. */
    REMOVED
  }

  /**
   * Whether peers on the internet can likely connect in: the router forwards the port and its
   * own outside address is public (not behind a second NAT such as carrier-grade NAT).
   */
  public boolean reachable() {
    return state == State.MAPPED && externalAddress != null && isPublic(externalAddress);
  }

  /** One line for the console: what the router does with our port, and whether that makes us reachable. */
  public String summary() {
    return switch (state) {
      case SEARCHING -> "looking for a UPnP router to forward port " + port + " (none answered yet)";
      case MAPPED -> router + " forwards " + (externalAddress == null ? "" : externalAddress.getHostAddress())
          + ":" + port + " to us" + (reachable() ? "; reachable from the internet"
          : "; but its outside address is not public (a second NAT?), so likely not reachable");
      case FAILED -> "the router would not forward port " + port + (detail == null || detail.isEmpty() ? "" : ": " + detail);
      case REMOVED -> "port " + port + " no longer forwarded";
    };
  }

  static boolean isPublic(InetAddress a) {
    if (!(a instanceof Inet4Address) || a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
        || a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    boolean carrierGradeNat = first == 100 && second >= 64 && second < 128;
    return !carrierGradeNat && first != 0 && first < 224;
  }
}
