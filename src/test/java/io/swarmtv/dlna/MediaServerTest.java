package io.swarmtv.dlna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MediaServer in a network namespace of its own, against real UPnP control points: GSSDP's
 * gssdp-discover finds it, GUPnP browses and subscribes to its ContentDirectory, curl sends it
 * raw and hostile SOAP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PYTHON = "/usr/bin/python3";
  private static final String CHANNELS = "channels abc|News One|http://127.0.0.1:8080/logo/abc.png;xyz|Alpha TV|;mmm|Movies|";
  private static final String LIVE_PROTOCOL_INFO = "http-get:*:video/mpeg:DLNA.ORG_PN=AVC_TS_MP_HD_AAC_MULT5_ISO;"
      + "DLNA.ORG_OP=00;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01500000000000000000000000000000";

  @TempDir static Path data;
  private NetNamespace ns;
  private NetNamespace.Running server;
  private String udn;
  private String descriptionUrl;
  private String controlUrl;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void startServer() throws IOException {
    ns = NetNamespace.create();
    server = ns.startJava(NamespacedMediaServer.class, data.toString(), "lo", "8080", "swarmtv test");
    String[] ready = server.await("READY ", WAIT).split(" ");
    udn = ready[1];
    descriptionUrl = ready[2];
    server.send(CHANNELS);
    server.await("OK", WAIT);
    String description = curl("-s", descriptionUrl).stdout();
    Matcher m = Pattern.compile("<controlURL>([^<]*ContentDirectory[^<]*)</controlURL>").matcher(description);
    assertTrue(m.find(), description);
    controlUrl = descriptionUrl.substring(0, descriptionUrl.indexOf("/dev/")) + m.group(1);
  }

  @AfterAll
  void stopServer() {
    if (ns != null) {
      if (server != null) {
        server.send("quit");
      }
      ns.close();
    }
  }

  @Test
  void gssdpDiscoverFindsTheMediaServer() {
    String out = ns.run(Duration.ofSeconds(20), "gssdp-discover", "-i", "lo", "--timeout=8",
        "-t", "urn:schemas-upnp-org:device:MediaServer:1").stdout();
    assertTrue(out.contains("USN:      " + udn + "::urn:schemas-upnp-org:device:MediaServer:1"), out);
    assertTrue(out.contains("Location: " + descriptionUrl), out);
  }

  @Test
  void udnIsTheOneKeptInTheDataDirectory() throws IOException {
    String kept = Files.readString(data.resolve(DeviceUdn.FILE_NAME), StandardCharsets.US_ASCII).trim();
    assertEquals("uuid:" + kept, udn);
  }

  @Test
  void descriptionNamesTheDeviceAndServesItsIcons() {
    String description = curl("-s", descriptionUrl).stdout();
    assertTrue(description.contains("<deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>"), description);
    assertTrue(description.contains("<friendlyName>swarmtv test</friendlyName>"), description);
    assertTrue(description.contains("urn:schemas-upnp-org:service:ConnectionManager:1"), description);
    assertTrue(description.contains("DMS-1.50"), description);
    Matcher icon = Pattern.compile("<url>([^<]*icon-120\\.png)</url>").matcher(description);
    assertTrue(icon.find(), description);
    String base = descriptionUrl.substring(0, descriptionUrl.indexOf("/dev/"));
    RealTools.ProcessResult png = curl("-s", "-o", "/dev/stdout", "-w", "\n%{http_code} %{content_type}", base + icon.group(1));
    assertTrue(png.stdout().startsWith("\u0089PNG") || png.stdout().startsWith("\uFFFDPNG"), "not a PNG");
    assertTrue(png.stdout().endsWith("200 image/png"), png.stdout().substring(png.stdout().lastIndexOf('\n')));
  }

  @Test
  void gupnpControlPointBrowsesTheChannels() throws IOException {
    JsonNode r = gupnpBrowse();
    assertEquals("swarmtv test", r.path("friendlyName").asText());
    assertEquals("urn:schemas-upnp-org:device:MediaServer:1", r.path("deviceType").asText());

    JsonNode root = r.path("root").path("objects");
    assertEquals(1, root.size());
    assertEquals("channels", root.get(0).path("id").asText());
    assertEquals("object.container.storageFolder", root.get(0).path("class").asText());
    assertEquals("0", r.path("rootMetadata").path("objects").get(0).path("id").asText());

    JsonNode channels = r.path("channels");
    assertEquals(3, channels.path("TotalMatches").asInt());
    assertEquals(List.of("News One", "Alpha TV", "Movies"), titles(channels), "catalog order without SortCriteria");
    JsonNode news = channels.path("objects").get(0);
    assertEquals("object.item.videoItem.videoBroadcast", news.path("class").asText());
    assertEquals("http://127.0.0.1:8080/logo/abc.png", news.path("albumArt").asText());
    JsonNode res = news.path("res").get(0);
    assertEquals("http://127.0.0.1:8080/ts/abc", res.path("uri").asText());
    assertEquals("video/mpeg", res.path("mime").asText());
    assertEquals("AVC_TS_MP_HD_AAC_MULT5_ISO", res.path("profile").asText());
    assertEquals(854, res.path("width").asInt());

    assertEquals(List.of("Alpha TV", "Movies", "News One"), titles(r.path("sortedAscending")));
    assertEquals(List.of("News One", "Movies", "Alpha TV"), titles(r.path("sortedDescending")));
    assertEquals(List.of("Movies"), titles(r.path("page2")));
    assertEquals(1, r.path("page2").path("NumberReturned").asInt());
    assertEquals(3, r.path("page2").path("TotalMatches").asInt());

    assertEquals(701, r.path("unknown").path("error").asInt(), r.path("unknown").toString());
    assertEquals(709, r.path("badSort").path("error").asInt(), r.path("badSort").toString());
    assertEquals("dc:title", r.path("sortCaps").path("SortCaps").asText());
    assertTrue(r.path("featureList").path("FeatureList").asText()
        .contains("<container id=\"channels\" type=\"object.item.videoItem\"/>"), r.path("featureList").toString());
    assertTrue(r.path("setBookmark").isObject() && !r.path("setBookmark").has("error"), r.path("setBookmark").toString());
    assertEquals("http-get:*:video/mpeg:*", r.path("protocolInfo").path("Source").asText(), r.path("protocolInfo").toString());
  }

  @Test
  void rawBrowseListsTheLiveStreamProtocolInfo() {
    String body = soap("Browse", browseArgs("channels", "BrowseDirectChildren", ""), "curl-test").stdout();
    assertTrue(body.contains("protocolInfo=\"" + LIVE_PROTOCOL_INFO + "\""), body);
    assertTrue(body.contains("<TotalMatches>3</TotalMatches>"), body);
  }

  @Test
  void aTvModelRuleChangesTheFlags() {
    String body = soap("Browse", browseArgs("channels", "BrowseDirectChildren", ""), "TestTV/1.0 DLNADOC/1.50").stdout();
    assertTrue(body.contains("DLNA.ORG_FLAGS=0D500000000000000000000000000000"), body);
  }

  @Test
  void unknownObjectIdIsUpnpError701() {
    RealTools.ProcessResult r = soap("Browse", browseArgs("nothing-here", "BrowseMetadata", ""), "curl-test");
    assertTrue(r.stdout().endsWith("\n500"), r.stdout());
    assertTrue(r.stdout().contains("<errorCode>701</errorCode>"), r.stdout());
  }

  @Test
  void malformedSoapGetsASoapFault() {
    RealTools.ProcessResult r = post(controlUrl, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><u:Browse",
        "\"urn:schemas-upnp-org:service:ContentDirectory:1#Browse\"", "curl-test");
    assertTrue(r.stdout().endsWith("\n500"), r.stdout());
    assertTrue(r.stdout().contains("Fault>"), r.stdout());
  }

  @Test
  void oversizedBodyIsRefused() throws IOException {
    Path big = data.resolve("big.xml");
    Files.writeString(big, "<x>" + "a".repeat(JdkHttpStreamServer.MAX_BODY_BYTES) + "</x>");
    RealTools.ProcessResult declared = curl("-s", "-w", "\n%{http_code}", "-H", "Content-Type: text/xml",
        "-H", "SOAPACTION: \"urn:schemas-upnp-org:service:ContentDirectory:1#Browse\"",
        "--data-binary", "@" + big, controlUrl);
    assertTrue(declared.stdout().endsWith("\n413"), declared.stdout());
    RealTools.ProcessResult chunked = curl("-s", "-w", "\n%{http_code}", "-H", "Content-Type: text/xml",
        "-H", "Transfer-Encoding: chunked",
        "-H", "SOAPACTION: \"urn:schemas-upnp-org:service:ContentDirectory:1#Browse\"",
        "--data-binary", "@" + big, controlUrl);
    assertTrue(chunked.stdout().endsWith("\n413"), chunked.stdout());
    // and the server still answers afterwards
    assertTrue(soap("Browse", browseArgs("0", "BrowseMetadata", ""), "curl-test").stdout().endsWith("\n200"));
  }

  @Test
  void channelListChangesAreEvented() throws IOException {
    NetNamespace.Running watcher = ns.start(PYTHON, NetNamespace.resourcePath("gupnp_control_point.py"), "lo", udn, "watch", "4");
    watcher.await("{\"subscribed\"", WAIT);
    // GENA sends the current values to a new subscriber first
    long before = Long.parseLong(json.readTree(watcher.await("{\"variable\": \"SystemUpdateID\"", WAIT)).path("value").asText());
    watcher.await("{\"variable\": \"ContainerUpdateIDs\"", WAIT);
    server.send(CHANNELS + ";new|Brand New|");
    try {
      server.await("OK", WAIT);
      long after = Long.parseLong(json.readTree(watcher.await("{\"variable\": \"SystemUpdateID\"", WAIT)).path("value").asText());
      assertEquals(before + 1, after);
      String containers = json.readTree(watcher.await("{\"variable\": \"ContainerUpdateIDs\"", WAIT)).path("value").asText();
      assertEquals("channels," + after, containers);
      watcher.waitFor(WAIT);
      assertEquals(4, titles(gupnpBrowse().path("channels")).size());
    } finally {
      // The other tests browse the three channels this one started with.
      server.send(CHANNELS);
      server.await("OK", WAIT);
    }
  }

  private JsonNode gupnpBrowse() throws IOException {
    NetNamespace.requireTool(PYTHON);
    String out = ns.run(Duration.ofSeconds(40), PYTHON, NetNamespace.resourcePath("gupnp_control_point.py"),
        "lo", udn, "browse").stdout();
    JsonNode r = json.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}"));
    assertTrue(!r.has("timeout"), "GUPnP did not find the MediaServer: " + out);
    return r;
  }

  private static List<String> titles(JsonNode browse) {
    List<String> t = new ArrayList<>();
    browse.path("objects").forEach(o -> t.add(o.path("title").asText()));
    return t;
  }

  private static String browseArgs(String id, String flag, String sort) {
    return "<ObjectID>" + id + "</ObjectID><BrowseFlag>" + flag + "</BrowseFlag><Filter>*</Filter>"
        + "<StartingIndex>0</StartingIndex><RequestedCount>0</RequestedCount><SortCriteria>" + sort + "</SortCriteria>";
  }

  private RealTools.ProcessResult soap(String action, String args, String userAgent) {
    String type = "urn:schemas-upnp-org:service:ContentDirectory:1";
    String envelope = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action + " xmlns:u=\"" + type + "\">"
        + args + "</u:" + action + "></s:Body></s:Envelope>";
    return post(controlUrl, envelope, "\"" + type + "#" + action + "\"", userAgent);
  }

  private RealTools.ProcessResult post(String url, String body, String soapAction, String userAgent) {
    return curl("-s", "-w", "\n%{http_code}", "-A", userAgent, "-H", "Content-Type: text/xml; charset=\"utf-8\"",
        "-H", "SOAPACTION: " + soapAction, "--data-binary", body, url);
  }

  private RealTools.ProcessResult curl(String... args) {
    List<String> c = new ArrayList<>(List.of("curl", "-m", "10"));
    c.addAll(List.of(args));
    return ns.runAllowingFailure(Duration.ofSeconds(20), c.toArray(String[]::new));
  }
}
