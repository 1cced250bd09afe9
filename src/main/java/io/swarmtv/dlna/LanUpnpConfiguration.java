package io.swarmtv.dlna;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jupnp.UpnpServiceConfiguration;
import org.jupnp.binding.xml.DeviceDescriptorBinder;
import org.jupnp.binding.xml.ServiceDescriptorBinder;
import org.jupnp.binding.xml.UDA10DeviceDescriptorBinderImpl;
import org.jupnp.binding.xml.UDA10ServiceDescriptorBinderImpl;
import org.jupnp.model.Namespace;
import org.jupnp.model.message.UpnpHeaders;
import org.jupnp.model.meta.RemoteDeviceIdentity;
import org.jupnp.model.meta.RemoteService;
import org.jupnp.model.types.ServiceType;
import org.jupnp.transport.impl.DatagramIOConfigurationImpl;
import org.jupnp.transport.impl.DatagramIOImpl;
import org.jupnp.transport.impl.DatagramProcessorImpl;
import org.jupnp.transport.impl.GENAEventProcessorImpl;
import org.jupnp.transport.impl.MulticastReceiverConfigurationImpl;
import org.jupnp.transport.impl.MulticastReceiverImpl;
import org.jupnp.transport.impl.SOAPActionProcessorImpl;
import org.jupnp.transport.spi.DatagramIO;
import org.jupnp.transport.spi.DatagramProcessor;
import org.jupnp.transport.spi.GENAEventProcessor;
import org.jupnp.transport.spi.MulticastReceiver;
import org.jupnp.transport.spi.NetworkAddressFactory;
import org.jupnp.transport.spi.SOAPActionProcessor;
import org.jupnp.transport.spi.StreamClient;
import org.jupnp.transport.spi.StreamServer;

/**
 * jUPnP's configuration for the gateway: our HTTP transport, the chosen LAN addresses only, and
 * two thread pools, one for the receivers that run for the stack's life and a bounded one for
 * the requests they hand on.
 */
final class LanUpnpConfiguration implements UpnpServiceConfiguration {
  /** The services of routers that can forward a port. */
  static final ServiceType[] ROUTER_SERVICES = {
    ServiceType.valueOf("urn:schemas-upnp-org:service:WANIPConnection:1"),
    ServiceType.valueOf("urn:schemas-upnp-org:service:WANIPConnection:2"),
    ServiceType.valueOf("urn:schemas-upnp-org:service:WANPPPConnection:1"),
  };
  private static final int CLIENT_TIMEOUT_SECONDS = 10;

  private final LanAddresses lan;
  private final ExecutorService longRunning = Executors.newCachedThreadPool(threads("upnp"));
  /**
   * Protocol work: answering searches (which waits a random delay first), actions, events. As
   * many threads as the pool's size are started before any task queues behind a busy one.
   */
  private final ThreadPoolExecutor tasks = bounded("upnp-task", 16, 256);
  /** Outgoing HTTP requests, apart from the protocol work that waits on them. */
  private final ThreadPoolExecutor requests = bounded("upnp-request", 8, 64);
  private final DatagramProcessor datagrams = new DatagramProcessorImpl();
  private final SOAPActionProcessor soap = new SOAPActionProcessorImpl();
  private final GENAEventProcessor gena = new GENAEventProcessorImpl();
  private final DeviceDescriptorBinder deviceBinder = new UDA10DeviceDescriptorBinderImpl();
  private final ServiceDescriptorBinder serviceBinder = new UDA10ServiceDescriptorBinderImpl();
  private final Namespace namespace = new Namespace();

  LanUpnpConfiguration(LanAddresses lan) {
    this.lan = lan;
  }

  private static ThreadPoolExecutor bounded(String name, int threads, int queue) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(queue), threads(name), new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public NetworkAddressFactory createNetworkAddressFactory() {
    return lan;
  }

  @Override
  public DatagramProcessor getDatagramProcessor() {
    return datagrams;
  }

  @Override
  public SOAPActionProcessor getSoapActionProcessor() {
    return soap;
  }

  @Override
  public GENAEventProcessor getGenaEventProcessor() {
    return gena;
  }

  @Override
  public StreamClient<?> createStreamClient() {
    return new JdkHttpStreamClient(new JdkHttpStreamClient.Settings(requests, CLIENT_TIMEOUT_SECONDS));
  }

  @Override
  public MulticastReceiver<?> createMulticastReceiver(NetworkAddressFactory addresses) {
    return new MulticastReceiverImpl(new MulticastReceiverConfigurationImpl(
        addresses.getMulticastGroup(), addresses.getMulticastPort()));
  }

  @Override
  public DatagramIO<?> createDatagramIO(NetworkAddressFactory addresses) {
    return new DatagramIOImpl(new DatagramIOConfigurationImpl());
  }

  @Override
  public StreamServer<?> createStreamServer(NetworkAddressFactory addresses) {
    return new JdkHttpStreamServer(new JdkHttpStreamServer.Settings(addresses.getStreamListenPort()));
  }

  @Override
  public ExecutorService getMulticastReceiverExecutor() {
    return longRunning;
  }

  @Override
  public ExecutorService getDatagramIOExecutor() {
    return longRunning;
  }

  @Override
  public ExecutorService getStreamServerExecutorService() {
    return longRunning;
  }

  @Override
  public DeviceDescriptorBinder getDeviceDescriptorBinderUDA10() {
    return deviceBinder;
  }

  @Override
  public ServiceDescriptorBinder getServiceDescriptorBinderUDA10() {
    return serviceBinder;
  }

  /**
   * None: jUPnP drops a device whose own services are all filtered out, and a router's root
   * device holds only Layer3Forwarding, its port mapping sitting in an embedded device.
   */
  @Override
  public ServiceType[] getExclusiveServiceTypes() {
    return new ServiceType[0];
  }

  @Override
  public int getRegistryMaintenanceIntervalMillis() {
    return 1000;
  }

  @Override
  public int getAliveIntervalMillis() {
    return 0;
  }

  @Override
  public boolean isReceivedSubscriptionTimeoutIgnored() {
    return false;
  }

  @Override
  public Integer getRemoteDeviceMaxAgeSeconds() {
    return null;
  }

  @Override
  public UpnpHeaders getDescriptorRetrievalHeaders(RemoteDeviceIdentity identity) {
    return null;
  }

  @Override
  public UpnpHeaders getEventSubscriptionHeaders(RemoteService service) {
    return null;
  }

  @Override
  public ExecutorService getAsyncProtocolExecutor() {
    return tasks;
  }

  @Override
  public ExecutorService getSyncProtocolExecutorService() {
    return tasks;
  }

  @Override
  public Namespace getNamespace() {
    return namespace;
  }

  @Override
  public ExecutorService getRegistryMaintainerExecutor() {
    return longRunning;
  }

  @Override
  public ExecutorService getRegistryListenerExecutor() {
    return tasks;
  }

  @Override
  public ExecutorService getRemoteListenerExecutor() {
    return tasks;
  }

  @Override
  public void shutdown() {
    longRunning.shutdownNow();
    tasks.shutdownNow();
    requests.shutdownNow();
  }
}
