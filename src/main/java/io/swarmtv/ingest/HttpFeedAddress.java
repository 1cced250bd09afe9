package io.swarmtv.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** A continuous MPEG-TS pulled over HTTP(S), as ffmpeg {@code -listen 1}, VLC or a TV headend serve it. */
public record HttpFeedAddress(URI uri) implements FeedAddress {

  public HttpFeedAddress {
    Objects.requireNonNull(uri);
  }

  static HttpFeedAddress parse(String input) {
    URI uri;
    try {
      uri = new URI(input);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + input + " (" + e.getReason() + ")", e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "http input needs a host: " + uri.getScheme().toLowerCase(Locale.ROOT) + "://HOST[:PORT]/PATH, not " + input);
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("http input takes no #fragment: " + input);
    }
    return new HttpFeedAddress(uri);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
