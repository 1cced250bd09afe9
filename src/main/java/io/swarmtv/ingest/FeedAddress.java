package io.swarmtv.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the broadcaster reads its MPEG-TS from, as given by {@code --input}. */
public sealed interface FeedAddress
    permits FileFeedAddress, UdpFeedAddress, HttpFeedAddress, StdinFeedAddress {

  /** What to tell someone who wrote an input we cannot read. */
  String FORMS = "a file, udp://@:PORT, udp://@GROUP:PORT, http(s)://... or - for standard input";

  /**
   * Parses an input: {@code -} is standard input, {@code udp://}, {@code http://},
   * {@code https://} and {@code file://} are what they say, anything else is a file path.
   *
   * @throws IllegalArgumentException with a message fit for the command line
   */
  static FeedAddress parse(String input) {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("no input given: use " + FORMS);
    }
    if (input.equals("-")) {
      return new StdinFeedAddress();
    }
    Matcher scheme = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://").matcher(input);
    if (!scheme.lookingAt()) {
      return FileFeedAddress.of(path(input));
    }
    return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
      case "udp" -> UdpFeedAddress.parse(input);
      case "http", "https" -> HttpFeedAddress.parse(input);
      case "file" -> FileFeedAddress.of(fileUri(input));
      default -> throw new IllegalArgumentException(
          "unsupported input scheme '" + scheme.group(1) + "://' in " + input + ": use " + FORMS);
    };
  }

  private static Path path(String input) {
    try {
      return Path.of(input);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid file name: " + input, e);
    }
  }

  private static Path fileUri(String input) {
    try {
      URI uri = new URI(input);
      String host = uri.getHost();
      if ((host != null && !host.equalsIgnoreCase("localhost")) || uri.getPath() == null || uri.getPath().isEmpty()) {
        throw new IllegalArgumentException("a file URL needs an absolute path, as in file:///videos/clip.ts, not " + input);
      }
      return Path.of(uri.getPath());
    } catch (URISyntaxException | InvalidPathException e) {
      throw new IllegalArgumentException("not a valid file URL: " + input, e);
    }
  }
}
