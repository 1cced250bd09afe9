package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import java.util.concurrent.Executor;
import org.eclipse.jetty.server.Handler;

/** The media side of the gateway's routes (HLS, MPEG-TS, M3U), for tests that serve it beside the management handler. */
public final class MediaHandlers {
  private MediaHandlers() {}

  public static Handler of(ChannelDirectory channels, Executor answers) {
    return new GatewayHandler(channels, answers);
  }
}
