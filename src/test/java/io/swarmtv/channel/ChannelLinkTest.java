package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelLinkTest {
  private static final ChannelId ID = ChannelId.of(HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  private static final String KEY = ID.toString();
  private static final String BASE = "swarmtv:" + KEY;

  @Test
  void bareLinkRoundTrips() {
    ChannelLink link = ChannelLink.parse(BASE);
    assertEquals(ID, link.id());
    assertNull(link.name());
    assertEquals(List.of(), link.trackers());
    assertEquals(BASE, link.toString());
    assertEquals(ChannelLink.of(ID), link);
  }

  @Test
  void fullLinkFormatsCanonicallyAndRoundTrips() {
    ChannelLink link = new ChannelLink(ID, "Télé & Co? 100% #1 +",
        List.of(URI.create("udp://tracker.example.org:6969/announce"),
            URI.create("https://t.example.net/announce?key=a&b=c")));
    String text = link.toString();
    assertEquals(BASE + "?name=T%C3%A9l%C3%A9%20%26%20Co%3F%20100%25%20%231%20%2B"
        + "&tr=udp://tracker.example.org:6969/announce"
        + "&tr=https://t.example.net/announce%3Fkey%3Da%26b%3Dc", text);
    assertEquals(link, ChannelLink.parse(text));
  }

  @Test
  void emojiNameRoundTrips() {
    ChannelLink link = new ChannelLink(ID, "📺 live", List.of());
    assertEquals(link, ChannelLink.parse(link.toString()));
  }

  @Test
  void acceptsSurroundingWhitespaceUpperCaseAndMagnetStyleSpaces() {
    ChannelLink link = ChannelLink.parse(
        " \t\n SWARMTV:" + KEY.toUpperCase() + "?name=Evening+News&tr=http%3A%2F%2Fx.org%2Fa \n");
    assertEquals(ID, link.id());
    assertEquals("Evening News", link.name());
    assertEquals(List.of(URI.create("http://x.org/a")), link.trackers());
    assertEquals(BASE + "?name=Evening%20News&tr=http://x.org/a", link.toString());
  }

  @Test
  void acceptsRawNonAsciiAsPastedFromABrowser() {
    assertEquals("Télé", ChannelLink.parse(BASE + "?name=Télé").name());
  }

  @Test
  void acceptsTrackersOnlyAndNameAfterTrackers() {
    ChannelLink link = ChannelLink.parse(BASE + "?tr=udp://a.org:1&name=x&tr=udp://b.org:2");
    assertEquals("x", link.name());
    assertEquals(List.of(URI.create("udp://a.org:1"), URI.create("udp://b.org:2")),
        link.trackers());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    // link (KEY stands for a valid channel id)      | message
    "KEY                                              | missing scheme: a channel link starts with 'swarmtv:'",
    "magnet:?xt=urn:btih:KEY                          | missing scheme: a channel link starts with 'swarmtv:'",
    "swarmtv:                                         | bad channel id: channel id must be 52 base32 characters, found 0",
    "swarmtv:abc                                      | bad channel id: channel id must be 52 base32 characters, found 3",
    "swarmtv:KEYa                                     | bad channel id: channel id must be 52 base32 characters, found 53",
    "swarmtv:KEY?                                     | empty query after '?' at index 60",
    "swarmtv:KEY?foo=bar                              | unknown parameter 'foo' at index 61 (known: name, tr)",
    "swarmtv:KEY?dn=x                                 | unknown parameter 'dn' at index 61 (known: name, tr)",
    "swarmtv:KEY?NAME=x                               | unknown parameter 'NAME' at index 61 (known: name, tr)",
    "swarmtv:KEY?name=a&name=b                        | duplicate parameter 'name' at index 68",
    "swarmtv:KEY?name=                                | empty name at index 61",
    "swarmtv:KEY?name                                 | parameter 'name' at index 61 has no '=' and value",
    "swarmtv:KEY?name=a&                              | empty parameter at index 68",
    "swarmtv:KEY?&name=a                              | empty parameter at index 61",
    "swarmtv:KEY?name=a&&tr=udp://x:1                 | empty parameter at index 68",
    "swarmtv:KEY?tr=ftp://x.org/                      | tracker ftp://x.org/ is not an http, https or udp URL",
    "swarmtv:KEY?tr=ws%3A%2F%2Fx.org                  | tracker ws://x.org is not an http, https or udp URL",
    "swarmtv:KEY?tr=x.org:80                          | tracker x.org:80 is not an http, https or udp URL",
    "swarmtv:KEY?tr=http:x.org                        | tracker http:x.org has no host",
    "swarmtv:KEY?tr=                                  | empty tracker at index 61",
    "swarmtv:KEY?tr=udp://a:1&tr=udp://a:1            | duplicate tracker udp://a:1",
    "swarmtv:KEY?name=100%                            | bad percent-encoding '%' at index 69 in name (expected % and two hex digits)",
    "swarmtv:KEY?name=a%2                             | bad percent-encoding '%2' at index 67 in name (expected % and two hex digits)",
    "swarmtv:KEY?name=%zz                             | bad percent-encoding '%zz' at index 66 in name (expected % and two hex digits)",
    "swarmtv:KEY?name=%C3                             | bad percent-encoding in name at index 66: not valid UTF-8",
    "swarmtv:KEY?name=%FF%FE                          | bad percent-encoding in name at index 66: not valid UTF-8",
    "swarmtv:KEY?tr=udp://a%ZZ                        | bad percent-encoding '%ZZ' at index 71 in tr (expected % and two hex digits)",
    "swarmtv:KEY?name=a#b                             | '#' at index 67 in name (a link has no fragment; write %23)",
    "swarmtv:KEY?name=a%0Ab                           | name has control character U+000A at index 1",
    "swarmtv:KEY?name=%7F                             | name has control character U+007F at index 0",
  })
  void rejectsMalformedLinks(String link, String message) {
    assertRejected(link.replace("KEY", KEY), message);
  }

  @Test
  void badBase32CharacterIsReportedWithItsIndexInTheLink() {
    assertRejected("swarmtv:" + KEY.substring(0, 10) + "1" + KEY.substring(11),
        "bad channel id: bad base32 character '1' at index 18");
    assertRejected("swarmtv:" + KEY.substring(0, 51) + "!",
        "bad channel id: bad base32 character '!' at index 59");
    assertRejected("swarmtv://" + KEY.substring(0, 50),
        "bad channel id: bad base32 character '/' at index 8");
  }

  @Test
  void trailingBitsAndInvalidKeysAreReported() {
    // The last character of a 32-byte key carries one bit; 'b' sets a trailing one.
    assertRejected("swarmtv:" + KEY.substring(0, 51) + "b",
        "bad channel id: base32 character 'b' at index 59 has non-zero trailing bits");
    String notAKey = "7".repeat(51) + "q"; // y above the field prime
    InvalidLinkException e =
        assertThrows(InvalidLinkException.class, () -> ChannelLink.parse("swarmtv:" + notAKey));
    assertTrue(e.getMessage().startsWith("bad channel id: channel id is not a valid Ed25519 public key"),
        e.getMessage());
  }

  @Test
  void rejectsControlCharactersAndInnerWhitespaceWithTheirIndex() {
    assertRejected(BASE + "?name=a\u0000b", "control character U+0000 at index 67 of link");
    assertRejected(BASE + "\u0085", "control character U+0085 at index 60 of link");
    assertRejected(BASE + "?name=a b",
        "whitespace U+0020 at index 67 of link (a space in a value is written %20)");
    assertRejected(BASE + "?name=a\u00a0b",
        "whitespace U+00A0 at index 67 of link (a space in a value is written %20)");
    assertRejected(BASE + "?name=a\ud800b", "unpaired surrogate U+D800 at index 67 of link");
  }

  @Test
  void nameLengthIsCountedInCharactersUpTo100() {
    String hundred = "é".repeat(99) + "📺";
    assertEquals(hundred, ChannelLink.parse(BASE + "?name=" + hundred).name());
    assertRejected(BASE + "?name=" + "a".repeat(101), "name is 101 characters, longer than 100");
  }

  @Test
  void rejectsLinksLongerThan2048Characters() {
    String longest = BASE + "?tr=http://x.org/" + "a".repeat(2048 - BASE.length() - 17);
    assertEquals(2048, longest.length());
    assertEquals(longest, ChannelLink.parse(longest).toString());
    assertRejected(longest + "a", "link is 2049 characters, longer than 2048");
  }

  @Test
  void constructorRefusesWhatParseWouldRefuse() {
    assertThrows(InvalidLinkException.class, () -> new ChannelLink(ID, "", List.of()));
    assertThrows(InvalidLinkException.class, () -> new ChannelLink(ID, "a\nb", List.of()));
    assertThrows(InvalidLinkException.class,
        () -> new ChannelLink(ID, null, List.of(URI.create("file:///etc/passwd"))));
    List<URI> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(URI.create("udp://tracker" + i + ".example.org:6969"));
    }
    InvalidLinkException e =
        assertThrows(InvalidLinkException.class, () -> new ChannelLink(ID, null, many));
    assertTrue(e.getMessage().endsWith("characters, longer than 2048"), e.getMessage());
  }

  @Test
  void trackersListIsImmutable() {
    List<URI> trackers = new ArrayList<>(List.of(URI.create("udp://a.org:1")));
    ChannelLink link = new ChannelLink(ID, null, trackers);
    trackers.clear();
    assertEquals(1, link.trackers().size());
    assertThrows(UnsupportedOperationException.class, () -> link.trackers().clear());
  }

  private static void assertRejected(String link, String message) {
    InvalidLinkException e = assertThrows(InvalidLinkException.class, () -> ChannelLink.parse(link));
    assertEquals(message, e.getMessage());
  }
}
