package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.StreamWriter;
import io.swarmtv.hls.TsStreamSubscriber;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /ts/{ch}}: the channel as one endless MPEG-TS stream for VLC, Kodi and DLNA TVs, starting
 * at a keyframe with the program tables first. Each write is asynchronous; a client that reads too
 * slowly skips ahead rather than making the gateway queue without bound.
 */
final class TsStreamHandler extends Handler.Abstract.NonBlocking {
  static final String PREFIX = "/ts/";

  private final ChannelDirectory channels;

  TsStreamHandler(ChannelDirectory channels) {
    this.channels = channels;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String id = request.getHttpURI().getPath().substring(PREFIX.length());
    ChannelHls channel = channels.get(id);
    if (channel == null) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "unknown channel");
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "video/mp2t");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, HttpReply.LIVE);
    if (HttpMethod.HEAD.is(request.getMethod())) {
      response.write(true, null, callback);
      return true;
    }
    StreamWriter writer = (bytes, done, failed) -> response.write(false, bytes, Callback.from(done, error -> {
      failed.accept(error);
      callback.failed(error);
    }));
    TsStreamSubscriber subscriber = channel.subscribe(writer);
    Request.addCompletionListener(request, error -> subscriber.close());
    return true;
  }
}
