package io.swarmtv.web;

import io.swarmtv.hls.ChannelHls;

/**
 * How the HLS and MPEG-TS handlers find a channel: a listed channel that is not joined yet is
 * joined on the spot (the handler then waits for its first segment as usual), and every HLS
 * request counts its client as a viewer for a few seconds.
 */
@FunctionalInterface
public interface ChannelOpener {

  /**
   * The channel to serve, joining it if it is listed and not stopped; null when there is none.
   *
   * @param hlsClient the requesting client's address for an HLS request (counted as a viewer),
   *     null for the continuous stream (its clients are counted while connected)
   */
  ChannelHls open(String id, String hlsClient);
}
