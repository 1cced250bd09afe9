package io.swarmtv.dlna;

import io.swarmtv.ingest.MicrosClock;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jupnp.controlpoint.ActionCallback;
import org.jupnp.model.action.ActionException;
import org.jupnp.model.action.ActionInvocation;
import org.jupnp.model.message.header.UDADeviceTypeHeader;
import org.jupnp.model.meta.Action;
import org.jupnp.model.meta.RemoteDevice;
import org.jupnp.model.meta.RemoteService;
import org.jupnp.model.types.ServiceType;
import org.jupnp.model.types.UDADeviceType;
import org.jupnp.model.types.UnsignedIntegerFourBytes;
import org.jupnp.model.types.UnsignedIntegerTwoBytes;
import org.jupnp.registry.DefaultRegistryListener;
import org.jupnp.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the home router (UPnP IGD: WANIPConnection or WANPPPConnection) to forward the peer port
 * to this gateway, renews the lease at half its length, removes the mapping at shutdown, and
 * reports where it stands ({@link #status()}).
 */
public final class PortMapper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PortMapper.class);
  private static final UDADeviceType IGD = new UDADeviceType("InternetGatewayDevice", 1);
  private static final Duration SEARCH_AGAIN = Duration.ofSeconds(30);
  /** UPnP error: the router only takes mappings without a lease. */
  private static final int ONLY_PERMANENT_LEASES = 725;

  private final UpnpStack upnp;
  private final int port;
  private final String description;
  private final long leaseSeconds;
  private final MicrosClock clock;
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "port-mapper");
    t.setDaemon(true);
    return t;
  });
  private final Listener listener = new Listener();

  private volatile PortMappingStatus status;
  // Touched on the worker thread only.
  private RemoteService service;
  private long lease;
  private ScheduledFuture<?> next;

  private PortMapper(UpnpStack upnp, int port, String description, Duration lease, MicrosClock clock) {
    this.upnp = upnp;
    this.port = port;
    this.description = description;
    this.leaseSeconds = lease.toSeconds();
    this.lease = leaseSeconds;
    this.clock = clock;
    this.status = new PortMappingStatus(PortMappingStatus.State.SEARCHING, null, null, port, null, leaseSeconds, 0, "");
  }

  /**
   * Starts looking for the router and maps {@code port} (TCP, same number outside) once found.
   *
   * @param lease how long each mapping lasts before it must be renewed; at least 60 s is kind to routers
   */
  public static PortMapper start(UpnpStack upnp, int port, String description, Duration lease, MicrosClock clock) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (lease.isNegative() || lease.toSeconds() > 604800) {
      throw new IllegalArgumentException("lease must be 0 (permanent) to 7 days, not " + lease);
    }
    PortMapper m = new PortMapper(upnp, port, description, lease, clock);
    Registry registry = upnp.service().getRegistry();
    registry.addListener(m.listener);
    for (RemoteDevice d : registry.getRemoteDevices()) {
      m.listener.remoteDeviceAdded(registry, d);
    }
    m.worker.execute(m::search);
    return m;
  }

  /** Where the mapping stands now. */
  public PortMappingStatus status() {
    return status;
  }

  private final class Listener extends DefaultRegistryListener {
    @Override
    public void remoteDeviceAdded(Registry registry, RemoteDevice device) {
      RemoteService s = connectionService(device);
      if (s != null) {
        worker.execute(() -> found(s));
      }
    }

    @Override
    public void remoteDeviceRemoved(Registry registry, RemoteDevice device) {
      worker.execute(() -> {
        if (service != null && service.getDevice().getRoot().equals(device.getRoot())) {
          service = null;
          cancelNext();
          set(PortMappingStatus.State.SEARCHING, null, null, "the router went away");
          next = worker.schedule(PortMapper.this::search, SEARCH_AGAIN.toSeconds(), TimeUnit.SECONDS);
        }
      });
    }
  }

  private static RemoteService connectionService(RemoteDevice device) {
    for (ServiceType t : LanUpnpConfiguration.ROUTER_SERVICES) {
      RemoteService[] found = device.findServices(t);
      for (RemoteService s : found == null ? new RemoteService[0] : found) {
        if (s.getAction("AddPortMapping") != null && s.getAction("DeletePortMapping") != null) {
          return s;
        }
      }
    }
    return null;
  }

  private void search() {
    if (service != null || worker.isShutdown()) {
      return;
    }
    upnp.service().getControlPoint().search(new UDADeviceTypeHeader(IGD));
    next = worker.schedule(this::search, SEARCH_AGAIN.toSeconds(), TimeUnit.SECONDS);
  }

  private void found(RemoteService s) {
    if (service != null) {
      return;
    }
    cancelNext();
    service = s;
    map();
  }

  /** Adds (or renews: the same call) the mapping, then schedules the next renewal. */
  private void map() {
    if (service == null) {
      return;
    }
    String router = routerName(service);
    InetAddress internal = internalAddress(service);
    if (internal == null) {
      set(PortMappingStatus.State.FAILED, router, null, "none of our LAN addresses is in the router's subnet");
      return;
    }
    try {
      invoke("AddPortMapping", internal, lease);
    } catch (ActionException e) {
      if (e.getErrorCode() == ONLY_PERMANENT_LEASES && lease != 0) {
        lease = 0;
        map();
        return;
      }
      setFailed(router, internal, "the router refused to forward port " + port + ": " + e.getMessage()
          + " (UPnP error " + e.getErrorCode() + ")");
      next = worker.schedule(this::map, Math.max(60, leaseSeconds / 2), TimeUnit.SECONDS);
      return;
    }
    InetAddress external = externalAddress();
    status = new PortMappingStatus(PortMappingStatus.State.MAPPED, router, external, port, internal, lease,
        clock.nowMicros(), external == null ? "the router did not say its outside address" : "");
    log.info("port mapping: {}:{} -> {}:{} via {}", external, port, internal.getHostAddress(), port, router);
    if (lease > 0) {
      next = worker.schedule(this::map, Math.max(1, lease / 2), TimeUnit.SECONDS);
    }
  }

  private void invoke(String action, InetAddress internal, long leaseTime) throws ActionException {
    Action<RemoteService> a = service.getAction(action);
    ActionInvocation<RemoteService> inv = new ActionInvocation<>(a);
    inv.setInput("NewRemoteHost", "");
    inv.setInput("NewExternalPort", new UnsignedIntegerTwoBytes(port));
    inv.setInput("NewProtocol", "TCP");
    if (action.equals("AddPortMapping")) {
      inv.setInput("NewInternalPort", new UnsignedIntegerTwoBytes(port));
      inv.setInput("NewInternalClient", internal.getHostAddress());
      inv.setInput("NewEnabled", true);
      inv.setInput("NewPortMappingDescription", description);
      inv.setInput("NewLeaseDuration", new UnsignedIntegerFourBytes(leaseTime));
    }
    new ActionCallback.Default(inv, upnp.service().getControlPoint()).run();
    if (inv.getFailure() != null) {
      throw inv.getFailure();
    }
  }

  private InetAddress externalAddress() {
    Action<RemoteService> a = service.getAction("GetExternalIPAddress");
    if (a == null) {
      return null;
    }
    ActionInvocation<RemoteService> inv = new ActionInvocation<>(a);
    new ActionCallback.Default(inv, upnp.service().getControlPoint()).run();
    if (inv.getFailure() != null || inv.getOutput("NewExternalIPAddress") == null) {
      return null;
    }
    Object v = inv.getOutput("NewExternalIPAddress").getValue();
    String text = v == null ? "" : v.toString().trim();
    if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private InetAddress internalAddress(RemoteService s) {
    try {
      InetAddress router = InetAddress.getByName(s.getDevice().getRoot().getIdentity().getDescriptorURL().getHost());
      return upnp.lan().addressFacing(router);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String routerName(RemoteService s) {
    RemoteDevice root = s.getDevice().getRoot();
    URL url = root.getIdentity().getDescriptorURL();
    String name = root.getDetails() == null ? null : root.getDetails().getFriendlyName();
    return (name == null ? "router" : name) + " (" + url + ")";
  }

  private void set(PortMappingStatus.State state, String router, InetAddress internal, String detail) {
    status = new PortMappingStatus(state, router, null, port, internal, lease, status.renewedAtMicros(), detail);
  }

  private void setFailed(String router, InetAddress internal, String detail) {
    log.warn("port mapping: {}", detail);
    set(PortMappingStatus.State.FAILED, router, internal, detail);
  }

  private void cancelNext() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** Removes the mapping from the router (if one was made) and stops renewing it. */
  @Override
  public void close() {
    upnp.service().getRegistry().removeListener(listener);
    try {
      worker.submit(() -> {
        cancelNext();
        if (service != null && status.state() == PortMappingStatus.State.MAPPED) {
          try {
            invoke("DeletePortMapping", null, 0);
            set(PortMappingStatus.State.REMOVED, status.router(), status.internalAddress(), "");
          } catch (ActionException e) {
            set(PortMappingStatus.State.FAILED, status.router(), status.internalAddress(),
                "could not remove the mapping: " + e.getMessage());
          }
        }
      }).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("port mapping: removing it did not finish: {}", e.toString());
    } finally {
      worker.shutdownNow();
    }
  }
}
