package io.swarmtv.web;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sits in front of the media handlers: a request for {@code /hls/{ch}/...} or {@code /ts/{ch}}
 * opens the channel through a {@link ChannelOpener} (joining a listed channel no one was watching,
 * counting an HLS client as a viewer), then declines, so the media handlers answer as usual.
 */
public final class ChannelOpeningHandler extends Handler.Abstract.NonBlocking {
  private static final String HLS = "/hls/";
  private static final String TS = "/ts/";

  private final ChannelOpener opener;

  public ChannelOpeningHandler(ChannelOpener opener) {
    this.opener = opener;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      return false;
    }
    String path = request.getHttpURI().getPath();
    if (path.startsWith(HLS)) {
      int slash = path.indexOf('/', HLS.length());
      if (slash > HLS.length()) {
        opener.open(path.substring(HLS.length(), slash), Request.getRemoteAddr(request));
      }
    } else if (path.startsWith(TS) && path.length() > TS.length() && path.indexOf('/', TS.length()) < 0) {
      opener.open(path.substring(TS.length()), null);
    }
    return false;
  }
}
