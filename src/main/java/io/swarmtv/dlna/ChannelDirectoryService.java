package io.swarmtv.dlna;

import org.jupnp.binding.annotations.UpnpAction;
import org.jupnp.binding.annotations.UpnpInputArgument;
import org.jupnp.binding.annotations.UpnpOutputArgument;
import org.jupnp.binding.annotations.UpnpService;
import org.jupnp.binding.annotations.UpnpServiceId;
import org.jupnp.binding.annotations.UpnpServiceType;
import org.jupnp.binding.annotations.UpnpStateVariable;
import org.jupnp.binding.annotations.UpnpStateVariables;
import org.jupnp.internal.compat.java.beans.PropertyChangeSupport;
import org.jupnp.model.types.UnsignedIntegerFourBytes;
import org.jupnp.support.contentdirectory.ContentDirectoryException;
import org.jupnp.support.model.BrowseFlag;
import org.jupnp.support.model.BrowseResult;

/**
 * ContentDirectory:1 over {@link ChannelDirectory}: Browse, the capabilities and update-id
 * queries, evented SystemUpdateID and ContainerUpdateIDs, and Samsung's X_GetFeatureList and
 * X_SetBookmark (Samsung TVs list a server without them but refuse to play from it).
 */
@UpnpService(
    serviceId = @UpnpServiceId("ContentDirectory"),
    serviceType = @UpnpServiceType(value = "ContentDirectory", version = 1))
@UpnpStateVariables({
  @UpnpStateVariable(name = "A_ARG_TYPE_ObjectID", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "A_ARG_TYPE_Result", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "A_ARG_TYPE_BrowseFlag", sendEvents = false, datatype = "string",
      allowedValuesEnum = BrowseFlag.class),
  @UpnpStateVariable(name = "A_ARG_TYPE_Filter", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "A_ARG_TYPE_SortCriteria", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "A_ARG_TYPE_Index", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "A_ARG_TYPE_Count", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "A_ARG_TYPE_UpdateID", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "A_ARG_TYPE_Featurelist", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "A_ARG_TYPE_CategoryType", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "A_ARG_TYPE_RID", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "A_ARG_TYPE_PosSecond", sendEvents = false, datatype = "ui4"),
  @UpnpStateVariable(name = "SearchCapabilities", sendEvents = false, datatype = "string"),
  @UpnpStateVariable(name = "SortCapabilities", sendEvents = false, datatype = "string"),
  // Not moderated (eventMaximumRateMilliseconds): jUPnP then sends a change only when another one
  // follows, so a single channel-list change never reached subscribed TVs.
  @UpnpStateVariable(name = "SystemUpdateID", sendEvents = true, datatype = "ui4"),
  @UpnpStateVariable(name = "ContainerUpdateIDs", sendEvents = true, datatype = "string")
})
public final class ChannelDirectoryService {
  private final PropertyChangeSupport propertyChangeSupport = new PropertyChangeSupport(this);
  private final ChannelDirectory directory;

  ChannelDirectoryService(ChannelDirectory directory) {
    this.directory = directory;
  }

  /** jUPnP sends GENA events for what is fired here. */
  public PropertyChangeSupport getPropertyChangeSupport() {
    return propertyChangeSupport;
  }

  /** Tells subscribed TVs that the channel list changed. */
  void announceChange() {
    propertyChangeSupport.firePropertyChange("SystemUpdateID", null, getSystemUpdateID());
    propertyChangeSupport.firePropertyChange("ContainerUpdateIDs", null, getContainerUpdateIDs());
  }

  /** The evented SystemUpdateID. */
  public UnsignedIntegerFourBytes getSystemUpdateID() {
    return new UnsignedIntegerFourBytes(directory.systemUpdateId());
  }

  /** The evented ContainerUpdateIDs. */
  public String getContainerUpdateIDs() {
    return directory.containerUpdateIds();
  }

  /** ContentDirectory GetSystemUpdateID. */
  @UpnpAction(name = "GetSystemUpdateID", out = @UpnpOutputArgument(name = "Id", stateVariable = "SystemUpdateID"))
  public UnsignedIntegerFourBytes systemUpdateId() {
    return getSystemUpdateID();
  }

  /** ContentDirectory GetSearchCapabilities: none. */
  @UpnpAction(name = "GetSearchCapabilities", out = @UpnpOutputArgument(name = "SearchCaps", stateVariable = "SearchCapabilities"))
  public String searchCapabilities() {
    return "";
  }

  /** ContentDirectory GetSortCapabilities. */
  @UpnpAction(name = "GetSortCapabilities", out = @UpnpOutputArgument(name = "SortCaps", stateVariable = "SortCapabilities"))
  public String sortCapabilities() {
    return "dc:title";
  }

  /** ContentDirectory Browse. */
  @UpnpAction(name = "Browse", out = {
    @UpnpOutputArgument(name = "Result", stateVariable = "A_ARG_TYPE_Result", getterName = "getResult"),
    @UpnpOutputArgument(name = "NumberReturned", stateVariable = "A_ARG_TYPE_Count", getterName = "getCount"),
    @UpnpOutputArgument(name = "TotalMatches", stateVariable = "A_ARG_TYPE_Count", getterName = "getTotalMatches"),
    @UpnpOutputArgument(name = "UpdateID", stateVariable = "A_ARG_TYPE_UpdateID", getterName = "getContainerUpdateID")
  })
  public BrowseResult browse(
      @UpnpInputArgument(name = "ObjectID", aliases = "ContainerID", stateVariable = "A_ARG_TYPE_ObjectID") String objectId,
      @UpnpInputArgument(name = "BrowseFlag", stateVariable = "A_ARG_TYPE_BrowseFlag") String browseFlag,
      @UpnpInputArgument(name = "Filter", stateVariable = "A_ARG_TYPE_Filter") String filter,
      @UpnpInputArgument(name = "StartingIndex", stateVariable = "A_ARG_TYPE_Index") UnsignedIntegerFourBytes startingIndex,
      @UpnpInputArgument(name = "RequestedCount", stateVariable = "A_ARG_TYPE_Count") UnsignedIntegerFourBytes requestedCount,
      @UpnpInputArgument(name = "SortCriteria", stateVariable = "A_ARG_TYPE_SortCriteria") String sortCriteria)
      throws ContentDirectoryException {
    BrowseFlag flag = browseFlag == null ? null : BrowseFlag.valueOrNullOf(browseFlag);
    if (flag == null) {
      throw new ContentDirectoryException(402, "BrowseFlag must be BrowseMetadata or BrowseDirectChildren, not \""
          + browseFlag + "\"");
    }
    if (objectId == null) {
      throw new ContentDirectoryException(402, "ObjectID is missing");
    }
    ControlRequest request = ControlRequest.current();
    return directory.browse(objectId, flag,
        startingIndex == null ? 0 : startingIndex.getValue(),
        requestedCount == null ? 0 : requestedCount.getValue(),
        sortCriteria,
        request == null ? null : request.localAddress(),
        request == null ? "" : request.userAgent());
  }

  /** Samsung's X_GetFeatureList: where the videos are (the channel container). */
  @UpnpAction(name = "X_GetFeatureList", out = @UpnpOutputArgument(name = "FeatureList", stateVariable = "A_ARG_TYPE_Featurelist"))
  public String featureList() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Features xmlns=\"urn:schemas-upnp-org:av:avs\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xsi:schemaLocation=\"urn:schemas-upnp-org:av:avs http://www.upnp.org/schemas/av/avs.xsd\">"
        + "<Feature name=\"samsung.com_BASICVIEW\" version=\"1\">"
        + "<container id=\"" + ChannelDirectory.CHANNELS_ID + "\" type=\"object.item.videoItem\"/>"
        + "</Feature></Features>";
  }

  /** Samsung's X_SetBookmark: accepted and ignored, since a live channel has no position to resume. */
  @UpnpAction(name = "X_SetBookmark")
  public void setBookmark(
      @UpnpInputArgument(name = "CategoryType", stateVariable = "A_ARG_TYPE_CategoryType") UnsignedIntegerFourBytes category,
      @UpnpInputArgument(name = "RID", stateVariable = "A_ARG_TYPE_RID") UnsignedIntegerFourBytes rid,
      @UpnpInputArgument(name = "ObjectID", stateVariable = "A_ARG_TYPE_ObjectID") String objectId,
      @UpnpInputArgument(name = "PosSecond", stateVariable = "A_ARG_TYPE_PosSecond") UnsignedIntegerFourBytes position) {
    // nothing to keep: the next play starts at the live edge anyway
  }
}
