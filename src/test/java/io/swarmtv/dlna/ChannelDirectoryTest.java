package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jupnp.support.contentdirectory.ContentDirectoryException;
import org.jupnp.support.contentdirectory.DIDLParser;
import org.jupnp.support.model.BrowseFlag;
import org.jupnp.support.model.BrowseResult;
import org.jupnp.support.model.DIDLContent;
import org.jupnp.support.model.item.Item;

/** The directory's answers without a socket; the UPnP side is covered by MediaServerTest. */
class ChannelDirectoryTest {
  private static final InetAddress LAN = address("192.168.1.20");
  private final ChannelDirectory directory = new ChannelDirectory(
      new StreamFeatures(DlnaFlags.LIVE, Map.of("LGE", DlnaFlags.LIVE_WINDOW)), 8080, address("10.9.9.9"));

  private static InetAddress address(String a) {
    try {
      return InetAddress.getByName(a);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<DlnaChannel> channels(String... names) {
    return java.util.Arrays.stream(names)
        .map(n -> new DlnaChannel(n.toLowerCase().replace(' ', '-'), n, null, NamespacedMediaServer.DEMO_FORMAT))
        .toList();
  }

  private static DIDLContent didl(BrowseResult r) throws Exception {
    return new DIDLParser().parse(r.getResult());
  }

  @Test
  void updateIdsAdvanceOnlyWhenTheListChanges() {
    assertTrue(directory.update(channels("One", "Two")));
    long id = directory.systemUpdateId();
    assertFalse(directory.update(channels("One", "Two")));
    assertEquals(id, directory.systemUpdateId());
    assertTrue(directory.update(channels("One", "Two", "Three")));
    assertEquals(id + 1, directory.systemUpdateId());
    assertEquals("channels," + (id + 1), directory.containerUpdateIds());
  }

  @Test
  void pagingPastTheEndReturnsNothingButTheTotal() throws Exception {
    directory.update(channels("One", "Two", "Three"));
    BrowseResult r = directory.browse("channels", BrowseFlag.DIRECT_CHILDREN, 5, 10, "", LAN, "");
    assertEquals(0, r.getCountLong());
    assertEquals(3, r.getTotalMatchesLong());
    BrowseResult last = directory.browse("channels", BrowseFlag.DIRECT_CHILDREN, 2, 10, "", LAN, "");
    assertEquals("Three", didl(last).getItems().get(0).getTitle());
  }

  @Test
  void streamUrlsUseTheAddressTheRequestCameInOn() throws Exception {
    directory.update(channels("One"));
    Item lan = didl(directory.browse("channel-one", BrowseFlag.METADATA, 0, 0, "", LAN, "")).getItems().get(0);
    assertEquals("http://192.168.1.20:8080/ts/one", lan.getFirstResource().getValue());
    Item unknown = didl(directory.browse("channel-one", BrowseFlag.METADATA, 0, 0, "", null, "")).getItems().get(0);
    assertEquals("http://10.9.9.9:8080/ts/one", unknown.getFirstResource().getValue());
  }

  @Test
  void aModelRuleSetsItsFlags() throws Exception {
    directory.update(List.of(new DlnaChannel("x", "X", URI.create("http://192.168.1.20:8080/logo/x.png"), null)));
    String lg = didl(directory.browse("channels", BrowseFlag.DIRECT_CHILDREN, 0, 0, "", LAN, "Linux/3.0 UPnP/1.0 LGE_DLNA_SDK/1.6.0"))
        .getItems().get(0).getFirstResource().getProtocolInfo().toString();
    assertEquals("http-get:*:video/mpeg:DLNA.ORG_OP=00;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=0D500000000000000000000000000000", lg);
  }

  @Test
  void unknownIdsAndBadArgumentsAreUpnpErrors() {
    directory.update(channels("One"));
    ContentDirectoryException unknown = assertThrows(ContentDirectoryException.class,
        () -> directory.browse("channel-nope", BrowseFlag.DIRECT_CHILDREN, 0, 0, "", LAN, ""));
    assertEquals(701, unknown.getErrorCode());
    ContentDirectoryException sort = assertThrows(ContentDirectoryException.class,
        () -> directory.browse("channels", BrowseFlag.DIRECT_CHILDREN, 0, 0, "+dc:date", LAN, ""));
    assertEquals(709, sort.getErrorCode());
  }

  @Test
  void flagsParseAndPrintAsDlnaWritesThem() {
    assertEquals("01500000000000000000000000000000", DlnaFlags.LIVE.toString());
    assertEquals(DlnaFlags.LIVE_WINDOW, DlnaFlags.parse("0D500000000000000000000000000000"));
    assertEquals(DlnaFlags.LIVE, DlnaFlags.parse("01500000"));
    assertThrows(IllegalArgumentException.class, () -> DlnaFlags.parse("0150000"));
    assertThrows(IllegalArgumentException.class, () -> DlnaFlags.parse("01500000000000000000000000000001"));
  }
}
