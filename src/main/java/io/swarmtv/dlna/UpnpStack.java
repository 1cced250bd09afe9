package io.swarmtv.dlna;

import java.net.InetAddress;
import java.util.List;
import org.jupnp.UpnpService;
import org.jupnp.UpnpServiceImpl;
import org.jupnp.transport.RouterException;

/**
 * The gateway's UPnP stack (jUPnP) on its LAN interfaces: SSDP there, our HTTP transport on
 * each LAN address. The MediaServer and the port mapping share it.
 */
public final class UpnpStack implements AutoCloseable {
  private final LanAddresses lan;
  private final UpnpService service;

  private UpnpStack(LanAddresses lan, UpnpService service) {
    this.lan = lan;
    this.service = service;
  }

  /**
   * Starts UPnP on the named interfaces, or on the private-address LAN interfaces when
   * {@code interfaces} is empty.
   *
   * @param upnpPort TCP port of the UPnP HTTP server (descriptors, SOAP, events); 0 picks a free one
   * @throws IllegalArgumentException when an interface is missing or unusable, with its name
   */
  public static UpnpStack start(List<String> interfaces, int upnpPort) {
    LanAddresses lan = LanAddresses.find(interfaces, upnpPort);
    UpnpServiceImpl service = new UpnpServiceImpl(new LanUpnpConfiguration(lan));
    service.startup();
    if (service.getRouter() == null || !isEnabled(service)) {
      service.shutdown();
      throw new IllegalStateException("UPnP did not start on " + lan.interfaceNames() + " (see the log)");
    }
    return new UpnpStack(lan, service);
  }

  private static boolean isEnabled(UpnpService service) {
    try {
      return service.getRouter().isEnabled();
    } catch (RouterException e) {
      return false;
    }
  }

  /** The interfaces in use. */
  public List<String> interfaces() {
    return lan.interfaceNames();
  }

  /** Our IPv4 addresses on them. */
  public List<InetAddress> addresses() {
    return lan.addresses();
  }

  LanAddresses lan() {
    return lan;
  }

  UpnpService service() {
    return service;
  }

  @Override
  public void close() {
    service.shutdown();
  }
}
