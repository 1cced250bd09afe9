package io.swarmtv.dlna;

import java.net.URI;
import java.util.Objects;

/**
 * One channel as TVs see it in the ContentDirectory.
 *
 * @param id the channel id as written in its link; its stream is {@code /ts/{id}}
 * @param name the name shown on the TV
 * @param logo the logo's URL, or null when the channel has none
 * @param format what its stream carries, or null while not known yet
 */
public record DlnaChannel(String id, String name, URI logo, LiveStreamFormat format) {
  public DlnaChannel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
