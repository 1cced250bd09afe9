package io.swarmtv.dlna;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jupnp.binding.annotations.AnnotationLocalServiceBinder;
import org.jupnp.model.DefaultServiceManager;
import org.jupnp.model.NetworkAddress;
import org.jupnp.model.ValidationException;
import org.jupnp.model.meta.DeviceDetails;
import org.jupnp.model.meta.DeviceIdentity;
import org.jupnp.model.meta.Icon;
import org.jupnp.model.meta.LocalDevice;
import org.jupnp.model.meta.LocalService;
import org.jupnp.model.meta.ManufacturerDetails;
import org.jupnp.model.meta.ModelDetails;
import org.jupnp.model.types.DLNADoc;
import org.jupnp.model.types.UDADeviceType;
import org.jupnp.model.types.UDN;
import org.jupnp.support.connectionmanager.ConnectionManagerService;
import org.jupnp.support.model.ProtocolInfos;
import org.jupnp.transport.RouterException;

/**
 * The gateway's UPnP MediaServer:1: announced over SSDP on the LAN interfaces, with a
 * ContentDirectory listing the channels and a ConnectionManager, under a UDN that survives
 * restarts. TVs, Kodi and VLC list it under its friendly name and play the channels' TS streams.
 */
public final class MediaServer implements AutoCloseable {
  /** How long SSDP announcements stay valid; jUPnP re-announces well before. */
  private static final int MAX_AGE_SECONDS = 1800;

  private final UpnpStack upnp;
  private final LocalDevice device;
  private final ChannelDirectory directory;
  private final ChannelDirectoryService contentDirectory;

  private MediaServer(UpnpStack upnp, LocalDevice device, ChannelDirectory directory, ChannelDirectoryService cds) {
    this.upnp = upnp;
    this.device = device;
    this.directory = directory;
    this.contentDirectory = cds;
  }

  /**
   * Announces the MediaServer on {@code upnp}'s interfaces with {@code channels} listed.
   *
   * @throws IOException when the UDN cannot be read from or written to the data directory
   */
  public static MediaServer start(UpnpStack upnp, MediaServerSettings settings, List<DlnaChannel> channels)
      throws IOException {
    UDN udn = DeviceUdn.loadOrCreate(settings.dataDirectory());
    InetAddress fallback = upnp.addresses().get(0);
    ChannelDirectory directory = new ChannelDirectory(settings.features(), settings.httpPort(), fallback);
    directory.update(channels);
    ChannelDirectoryService cdsImpl = new ChannelDirectoryService(directory);
    AnnotationLocalServiceBinder binder = new AnnotationLocalServiceBinder();

    @SuppressWarnings("unchecked")
    LocalService<ChannelDirectoryService> cds = binder.read(ChannelDirectoryService.class);
    cds.setManager(new DefaultServiceManager<>(cds, ChannelDirectoryService.class) {
      @Override
      protected ChannelDirectoryService createServiceInstance() {
        return cdsImpl;
      }
    });
    @SuppressWarnings("unchecked")
    LocalService<ConnectionManagerService> cms = binder.read(ConnectionManagerService.class);
    ProtocolInfos source = new ProtocolInfos("http-get:*:" + StreamFeatures.MIME_TYPE + ":*");
    cms.setManager(new DefaultServiceManager<>(cms, ConnectionManagerService.class) {
      @Override
      protected ConnectionManagerService createServiceInstance() {
        return new ConnectionManagerService(source, new ProtocolInfos());
      }
    });

    String version = MediaServer.class.getPackage().getImplementationVersion();
    DeviceDetails details = new DeviceDetails(
        settings.friendlyName(),
        new ManufacturerDetails("swarmtv", URI.create("https://github.com/swarmtv/swarmtv")),
        new ModelDetails("swarmtv gateway", "Peer-to-peer live TV for the home", version == null ? "dev" : version),
        new DLNADoc[] {new DLNADoc("DMS", DLNADoc.Version.V1_5)},
        null);
    try {
      LocalDevice device = new LocalDevice(
          new DeviceIdentity(udn, MAX_AGE_SECONDS),
          new UDADeviceType("MediaServer", 1),
          details,
          icons(),
          new LocalService<?>[] {cds, cms});
      upnp.service().getRegistry().addDevice(device);
      return new MediaServer(upnp, device, directory, cdsImpl);
    } catch (ValidationException e) {
      throw new IllegalStateException("the MediaServer description is invalid: " + e.getErrors(), e);
    }
  }

  private static Icon[] icons() {
    List<Icon> icons = new ArrayList<>();
    for (int size : new int[] {120, 48}) {
      icons.add(new Icon("image/png", size, size, 24, "icon-" + size + ".png", resource("icon-" + size + ".png")));
      icons.add(new Icon("image/jpeg", size, size, 24, "icon-" + size + ".jpg", resource("icon-" + size + ".jpg")));
    }
    return icons.toArray(Icon[]::new);
  }

  private static byte[] resource(String name) {
    try (InputStream in = MediaServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/swarmtv/dlna/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the listed channels. When they differ, SystemUpdateID and the channel container's
   * update id advance and subscribed TVs are told.
   */
  public void updateChannels(List<DlnaChannel> channels) {
    if (directory.update(channels)) {
      contentDirectory.announceChange();
    }
  }

  /** The UDN, "uuid:...". */
  public String udn() {
    return device.getIdentity().getUdn().toString();
  }

  /** The device description's URL on each LAN address. */
  public List<URI> descriptionUrls() {
    List<URI> urls = new ArrayList<>();
    URI path = upnp.service().getConfiguration().getNamespace().getDescriptorPath(device);
    try {
      for (InetAddress a : upnp.addresses()) {
        for (NetworkAddress n : upnp.service().getRouter().getActiveStreamServers(a)) {
          urls.add(URI.create("http://" + n.getAddress().getHostAddress() + ":" + n.getPort() + path));
        }
      }
    } catch (RouterException e) {
      throw new IllegalStateException(e);
    }
    return urls;
  }

  /** Says goodbye over SSDP and stops answering. */
  @Override
  public void close() {
    upnp.service().getRegistry().removeDevice(device);
  }
}
