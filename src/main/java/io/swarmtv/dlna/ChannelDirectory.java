package io.swarmtv.dlna;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jupnp.support.contentdirectory.ContentDirectoryErrorCode;
import org.jupnp.support.contentdirectory.ContentDirectoryException;
import org.jupnp.support.contentdirectory.DIDLParser;
import org.jupnp.support.model.BrowseFlag;
import org.jupnp.support.model.BrowseResult;
import org.jupnp.support.model.DIDLContent;
import org.jupnp.support.model.DIDLObject;
import org.jupnp.support.model.ProtocolInfo;
import org.jupnp.support.model.Res;
import org.jupnp.support.model.SortCriterion;
import org.jupnp.support.model.WriteStatus;
import org.jupnp.support.model.container.Container;
import org.jupnp.support.model.item.VideoBroadcast;

/**
 * The ContentDirectory's content: a root holding one container of channels, each a
 * {@code videoItem.videoBroadcast} whose res is the channel's continuous TS stream. Plain and
 * socket-free; {@link ChannelDirectoryService} exposes it over UPnP.
 *
 * <p>SystemUpdateID and the channel container's update id advance whenever the channel list
 * changes, so TVs that cache the listing read it again.
 */
final class ChannelDirectory {
  /** The root container's id, fixed by the ContentDirectory specification. */
  static final String ROOT_ID = "0";
  /** The container of channels. */
  static final String CHANNELS_ID = "channels";
  private static final String ITEM_PREFIX = "channel-";
  private static final String SORTABLE = "dc:title";

  private final StreamFeatures features;
  private final int httpPort;
  private final InetAddress fallbackAddress;
  private List<DlnaChannel> channels = List.of();
  private long systemUpdateId;
  private long channelsUpdateId;

  /**
   * @param httpPort the gateway's HTTP port, where {@code /ts/{ch}} is served
   * @param fallbackAddress our address to put in stream URLs when a request does not say which
   *     address it came in on
   */
  ChannelDirectory(StreamFeatures features, int httpPort, InetAddress fallbackAddress) {
    this.features = features;
    this.httpPort = httpPort;
    this.fallbackAddress = fallbackAddress;
  }

  /** Replaces the channel list; returns whether it changed (and the update ids advanced). */
  synchronized boolean update(List<DlnaChannel> next) {
    List<DlnaChannel> copy = List.copyOf(next);
    if (copy.equals(channels)) {
      return false;
    }
    channels = copy;
    systemUpdateId = (systemUpdateId + 1) & 0xFFFFFFFFL;
    channelsUpdateId = systemUpdateId;
    return true;
  }

  synchronized long systemUpdateId() {
    return systemUpdateId;
  }

  /** The ContainerUpdateIDs value: pairs of container id and its update id. */
  synchronized String containerUpdateIds() {
    return CHANNELS_ID + "," + channelsUpdateId;
  }

  /**
   * Answers a Browse call.
   *
   * @param address our address the request came in on (for stream URLs), or null
   * @param userAgent the client's User-Agent, for per-model DLNA flags
   * @throws ContentDirectoryException 701 for an unknown object, 709 for an unsupported sort, 720 for a bad index
   */
  synchronized BrowseResult browse(String objectId, BrowseFlag flag, long start, long count,
      String sortCriteria, InetAddress address, String userAgent) throws ContentDirectoryException {
    if (start < 0 || count < 0) {
      throw new ContentDirectoryException(720, "StartingIndex and RequestedCount must not be negative");
    }
    Comparator<DlnaChannel> order = order(sortCriteria);
    InetAddress host = address != null ? address : fallbackAddress;
    DIDLContent didl = new DIDLContent();
    long total;
    if (flag == BrowseFlag.METADATA) {
      DIDLObject o = object(objectId, host, userAgent);
      add(didl, o);
      total = 1;
    } else {
      List<DIDLObject> children = children(objectId, order, host, userAgent);
      total = children.size();
      long end = count == 0 ? total : Math.min(total, start + count);
      for (long i = start; i < end; i++) {
        add(didl, children.get((int) i));
      }
    }
    try {
      String xml = new DIDLParser().generate(didl);
      int returned = didl.getContainers().size() + didl.getItems().size();
      return new BrowseResult(xml, returned, total, flag == BrowseFlag.METADATA && !objectId.startsWith(ITEM_PREFIX)
          ? updateIdOf(objectId) : systemUpdateId);
    } catch (Exception e) {
      throw new ContentDirectoryException(ContentDirectoryErrorCode.CANNOT_PROCESS, e.toString());
    }
  }

  private long updateIdOf(String containerId) {
    return containerId.equals(CHANNELS_ID) ? channelsUpdateId : systemUpdateId;
  }

  private static void add(DIDLContent didl, DIDLObject o) {
    if (o instanceof Container c) {
      didl.addContainer(c);
    } else {
      didl.addItem((VideoBroadcast) o);
    }
  }

  private static Comparator<DlnaChannel> order(String sortCriteria) throws ContentDirectoryException {
    if (sortCriteria == null || sortCriteria.isBlank()) {
      return null;
    }
    Comparator<DlnaChannel> order = null;
    for (String term : sortCriteria.split(",")) {
      String t = term.trim();
      boolean descending = t.startsWith("-");
      String property = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
      if (!property.equals(SORTABLE)) {
        throw new ContentDirectoryException(709, "cannot sort by \"" + property + "\"; only by " + SORTABLE);
      }
      Comparator<DlnaChannel> byTitle = Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT));
      byTitle = byTitle.thenComparing(DlnaChannel::id);
      Comparator<DlnaChannel> next = descending ? byTitle.reversed() : byTitle;
      order = order == null ? next : order.thenComparing(next);
    }
    return order;
  }

  private DIDLObject object(String id, InetAddress host, String userAgent) throws ContentDirectoryException {
    if (id.equals(ROOT_ID)) {
      return container(ROOT_ID, "-1", "swarmtv", 1);
    }
    if (id.equals(CHANNELS_ID)) {
      return container(CHANNELS_ID, ROOT_ID, "Live TV", channels.size());
    }
    for (DlnaChannel c : channels) {
      if (id.equals(ITEM_PREFIX + c.id())) {
        return item(c, host, userAgent);
      }
    }
    throw noSuchObject(id);
  }

  private List<DIDLObject> children(String id, Comparator<DlnaChannel> order, InetAddress host, String userAgent)
      throws ContentDirectoryException {
    if (id.equals(ROOT_ID)) {
      return List.of(container(CHANNELS_ID, ROOT_ID, "Live TV", channels.size()));
    }
    if (id.equals(CHANNELS_ID)) {
      List<DlnaChannel> list = new ArrayList<>(channels);
      if (order != null) {
        list.sort(order);
      }
      List<DIDLObject> items = new ArrayList<>();
      for (DlnaChannel c : list) {
        items.add(item(c, host, userAgent));
      }
      return items;
    }
    object(id, host, userAgent); // 701 if unknown
    return List.of();
  }

  private static ContentDirectoryException noSuchObject(String id) {
    return new ContentDirectoryException(ContentDirectoryErrorCode.NO_SUCH_OBJECT, "no object with id \"" + id + "\"");
  }

  private static Container container(String id, String parent, String title, int children) {
    Container c = new Container(id, parent, title, "swarmtv", new DIDLObject.Class("object.container.storageFolder"), children);
    c.setRestricted(true);
    c.setWriteStatus(WriteStatus.NOT_WRITABLE);
    return c;
  }

  private VideoBroadcast item(DlnaChannel c, InetAddress host, String userAgent) {
    String url = "http://" + host.getHostAddress() + ":" + httpPort + "/ts/" + c.id();
    Res res = new Res(new ProtocolInfo(features.protocolInfo(c.format(), userAgent)), null, url);
    if (c.format() != null && c.format().video() != null) {
      res.setResolution(c.format().video().width(), c.format().video().height());
    }
    VideoBroadcast item = new VideoBroadcast(ITEM_PREFIX + c.id(), CHANNELS_ID, c.name(), "swarmtv", res);
    item.setRestricted(true);
    if (c.logo() != null) {
      item.setIcon(c.logo());
      item.addProperty(new DIDLObject.Property.UPNP.ALBUM_ART_URI(c.logo()));
    }
    return item;
  }
}
