package io.swarmtv.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedAddressTest {
  @TempDir Path dir;

  private static String error(String input) {
    return assertThrows(IllegalArgumentException.class, () -> FeedAddress.parse(input)).getMessage();
  }

  @Test
  void dashIsStandardInput() {
    assertInstanceOf(StdinFeedAddress.class, FeedAddress.parse("-"));
  }

  @Test
  void pathsAndFileUrlsAreFiles() throws IOException {
    Path file = Files.write(dir.resolve("in put.ts"), new byte[188]);
    assertEquals(new FileFeedAddress(file), FeedAddress.parse(file.toString()));
    assertEquals(new FileFeedAddress(file), FeedAddress.parse(file.toUri().toString()));
  }

  @Test
  void missingFileIsNamed() {
    String message = error(dir.resolve("nope.ts").toString());
    assertTrue(message.startsWith("input file not found: "), message);
    assertTrue(message.endsWith("nope.ts"), message);
  }

  @Test
  void directoryIsNotAFile() {
    assertTrue(error(dir.toString()).startsWith("input is a directory"));
  }

  @Test
  void emptyInputSaysWhatWouldDo() {
    assertTrue(error(" ").contains("udp://@:PORT"));
  }

  @ParameterizedTest
  @CsvSource({"rtp://@:1234, rtp", "srt://host:9000, srt", "rtmp://host/live, rtmp"})
  void unknownSchemeIsNamed(String input, String scheme) {
    String message = error(input);
    assertTrue(message.startsWith("unsupported input scheme '" + scheme + "://'"), message);
  }

  @Test
  void udpOnAllAddresses() {
    UdpFeedAddress a = (UdpFeedAddress) FeedAddress.parse("udp://@:1234");
    assertNull(a.host());
    assertEquals(1234, a.port());
    assertFalse(a.multicast());
    assertEquals("udp://@:1234", a.toString());
    assertEquals(a, FeedAddress.parse("udp://:1234"));
  }

  @Test
  void udpUnicastOnOneAddress() throws IOException {
    UdpFeedAddress a = (UdpFeedAddress) FeedAddress.parse("udp://@127.0.0.1:5000");
    assertEquals(InetAddress.getByName("127.0.0.1"), a.host());
    assertFalse(a.multicast());
    assertEquals(a, FeedAddress.parse("udp://127.0.0.1:5000/"));
  }

  @Test
  void udpMulticastWithInterface() throws IOException {
    UdpFeedAddress a = (UdpFeedAddress) FeedAddress.parse("udp://@239.255.0.1:1234?interface=lo&buffer_size=65536");
    assertTrue(a.multicast());
    assertEquals(InetAddress.getByName("239.255.0.1"), a.host());
    assertEquals("lo", a.interfaceName());
    assertEquals(65536, a.receiveBufferBytes());
    assertEquals("udp://@239.255.0.1:1234?interface=lo&buffer_size=65536", a.toString());

    UdpFeedAddress b = (UdpFeedAddress) FeedAddress.parse("udp://@239.255.0.1:1234?localaddr=127.0.0.1");
    assertEquals(InetAddress.getByName("127.0.0.1"), b.interfaceAddress());
  }

  @Test
  void udpIpv6Multicast() throws IOException {
    UdpFeedAddress a = (UdpFeedAddress) FeedAddress.parse("udp://@[ff15::1]:1234");
    assertTrue(a.multicast());
    assertEquals(InetAddress.getByName("ff15::1"), a.host());
    assertTrue(error("udp://@ff15::1:1234").contains("brackets"));
  }

  @Test
  void udpErrorsArePrecise() {
    assertEquals("udp input needs a port: udp://@:1234 or udp://@239.1.1.1:1234?interface=eth0, not udp://@239.1.1.1",
        error("udp://@239.1.1.1"));
    assertTrue(error("udp://@").startsWith("udp input needs a port: udp://@:1234"));
    assertTrue(error("udp://@:70000").startsWith("udp port must be a number 1..65535, not '70000'"));
    assertTrue(error("udp://@:0").startsWith("udp port must be a number 1..65535, not '0'"));
    assertTrue(error("udp://@:http").startsWith("udp port must be a number 1..65535, not 'http'"));
    assertTrue(error("udp://@:1234?ttl=3").startsWith("unknown udp option 'ttl'"));
    assertTrue(error("udp://@:1234?interface=").contains("needs a value"));
    assertTrue(error("udp://@:1234?interface=lo").contains("no group was given"));
    assertTrue(error("udp://@10.0.0.1:1234?interface=lo").contains("10.0.0.1 is not a multicast group"));
    assertTrue(error("udp://@239.1.1.1:1234?interface=lo&localaddr=127.0.0.1").contains("not both"));
    assertTrue(error("udp://10.0.0.9@239.1.1.1:1234").startsWith("source-specific multicast"));
    assertTrue(error("udp://@:1234/stream").startsWith("udp input takes no path"));
    assertTrue(error("udp://@:1234?buffer_size=-5").contains("must be a positive number"));
  }

  @Test
  void httpAndHttps() {
    assertEquals(new HttpFeedAddress(URI.create("http://127.0.0.1:8080/live.ts")),
        FeedAddress.parse("http://127.0.0.1:8080/live.ts"));
    assertEquals(new HttpFeedAddress(URI.create("https://tv.example/stream?channel=1")),
        FeedAddress.parse("https://tv.example/stream?channel=1"));
  }

  @Test
  void httpErrorsArePrecise() {
    assertTrue(error("http:///live.ts").startsWith("http input needs a host"));
    assertTrue(error("http://host/a b").startsWith("not a valid URL"));
  }

  @Test
  void loopingALiveFeedIsRefused() {
    FeedAddress udp = FeedAddress.parse("udp://@:1234");
    String message = assertThrows(IllegalArgumentException.class,
        () -> Feed.open(udp, FeedSettings.DEFAULT.withLoop(true), () -> 0, micros -> {})).getMessage();
    assertEquals("looping applies to file input only, not udp://@:1234", message);
  }
}
