package io.swarmtv.config;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelLink;
import java.net.URI;
import java.util.Objects;

/**
 * One channel the household keeps: its link, the name and logo the household chose, and whether
 * it is pinned (kept joined even when no one watches) or stopped (not joined until started).
 *
 * @param name display name the household gave it, or null to use the channel's own
 * @param logo logo URL, or null
 * @param addedMillis when it was added, milliseconds since the epoch
 */
public record ChannelEntry(ChannelLink link, String name, URI logo, boolean pinned, boolean stopped,
    long addedMillis) {

  /** Longest display name, in characters. */
  public static final int MAX_NAME_LENGTH = ChannelLink.MAX_NAME_LENGTH;
  /** Longest logo URL, in characters. */
  public static final int MAX_LOGO_LENGTH = 2048;

  public ChannelEntry {
    Objects.requireNonNull(link, "link");
    if (name != null) {
      name = name.strip();
      if (name.isEmpty()) {
        name = null;
      } else if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("a channel name has at most " + MAX_NAME_LENGTH
            + " characters and no control characters");
      }
    }
    if (logo != null) {
      String scheme = logo.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("a logo must be an http:// or https:// URL, not " + logo);
      }
      if (logo.toString().length() > MAX_LOGO_LENGTH || logo.getHost() == null) {
        throw new IllegalArgumentException("a logo URL needs a host and at most " + MAX_LOGO_LENGTH + " characters");
      }
    }
  }

  /** The channel's id. */
  public ChannelId id() {
    return link.id();
  }

  /** The name to show: the household's, else the link's, else the start of the id. */
  public String displayName() {
    if (name != null) {
      return name;
    }
    return link.name() != null ? link.name() : link.id().toString().substring(0, 12);
  }

  public ChannelEntry withName(String newName) {
    return new ChannelEntry(link, newName, logo, pinned, stopped, addedMillis);
  }

  public ChannelEntry withPinned(boolean newPinned) {
    return new ChannelEntry(link, name, logo, newPinned, stopped, addedMillis);
  }

  public ChannelEntry withStopped(boolean newStopped) {
    return new ChannelEntry(link, name, logo, pinned, newStopped, addedMillis);
  }
}
