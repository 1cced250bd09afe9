package io.swarmtv.web;

import java.util.List;
import java.util.Optional;

/**
 * The gateway's live state as the API and the page see it: the household's channels with their
 * figures, and the gateway's own. Implemented by the running gateway ({@code app.GatewayRuntime}).
 *
 * <p>Methods that change something throw {@link IllegalArgumentException} with a message for the
 * user when the request is wrong (a bad link, a name too long), and {@link ChannelConflictException}
 * when the channel is already listed.
 */
public interface GatewayControl {

  /** Every listed channel, in the order they were added. */
  List<ChannelStatus> channels();

  /** One listed channel by the id written in its link; empty if not listed (or not an id at all). */
  Optional<ChannelStatus> channel(String id);

  /**
   * Lists a channel and joins it.
   *
   * @param link the channel link as pasted
   * @param name display name, or null for the channel's own
   * @param logo logo URL, or null
   */
  ChannelStatus add(String link, String name, String logo);

  /** Leaves and forgets a channel; false if it was not listed. */
  boolean remove(String id);

  /** Applies a change (rename, pin, stop/start); empty if the channel is not listed. */
  Optional<ChannelStatus> change(String id, ChannelChange change);

  /** The gateway's own figures. */
  GatewayStatus gateway();

  /** Sets and saves the upload limit, in bytes a second for each channel (0: none). */
  GatewayStatus setUploadLimit(long bytesPerSecond);

  /**
   * Calls {@code listener} after every change to the list or to which channels are joined, and
   * about once a second while the gateway runs, so live figures can be pushed.
   */
  void onUpdate(Runnable listener);
}
