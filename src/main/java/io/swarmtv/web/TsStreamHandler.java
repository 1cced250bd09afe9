package io.swarmtv.web;

import io.swarmtv.dlna.LiveStreamFormat;
import io.swarmtv.dlna.StreamFeatures;
import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.StreamWriter;
import io.swarmtv.hls.TsStreamSubscriber;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
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
  private final StreamFeatures dlna = StreamFeatures.live();

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
    // DLNA TVs play only what these headers call a live stream of a profile they know.
    response.getHeaders().put(StreamFeatures.TRANSFER_MODE, StreamFeatures.STREAMING);
    response.getHeaders().put(StreamFeatures.CONTENT_FEATURES, dlna.contentFeatures(
        new LiveStreamFormat(channel.videoFormat(), channel.audioTypes()),
        request.getHeaders().get(HttpHeader.USER_AGENT)));
    if (HttpMethod.HEAD.is(request.getMethod())) {
      response.write(true, null, callback);
      return true;
    }
    StreamWriter writer = new StreamWriter() {
      @Override
      public void write(ByteBuffer bytes, Runnable done, Consumer<Throwable> failed) {
        response.write(false, bytes, Callback.from(done, error -> {
          failed.accept(error);
          callback.failed(error);
        }));
      }

      @Override
      public void end() {
        // An endless stream has no clean end, and a write may still be pending: abort it.
        callback.failed(new java.io.EOFException("the gateway left the channel"));
      }
    };
    TsStreamSubscriber subscriber = channel.subscribe(writer);
    // The response completed some other way (the connection closed): stop queueing for it.
    Request.addCompletionListener(request, error -> subscriber.cancel());
    return true;
  }
}
