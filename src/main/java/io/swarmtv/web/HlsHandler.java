package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelHls;
import io.swarmtv.hls.LiveWindow;
import io.swarmtv.hls.MasterPlaylist;
import io.swarmtv.hls.MediaPlaylist;
import io.swarmtv.hls.Part;
import io.swarmtv.hls.PlaylistQuery;
import io.swarmtv.hls.Segment;
import io.swarmtv.hls.SegmentFormat;
import io.swarmtv.hls.SegmentName;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /hls/{ch}/...}: the master playlist ({@code index.m3u8}), the media playlists (MPEG-TS
 * and fMP4) with their LL-HLS blocking reload and delta updates, segments, parts and fMP4 init
 * segments. A request that must wait (for the
 * channel's first segment, a blocking reload, a hinted part) holds no thread: it is answered from
 * the channel's waiters.
 */
final class HlsHandler extends Handler.Abstract.NonBlocking {
  static final String PREFIX = "/hls/";
  private static final String PLAYLIST = "application/vnd.apple.mpegurl";

  private final ChannelDirectory channels;
  private final Executor answers;

  /** @param answers where answers to waiting requests run, off the swarm's thread */
  HlsHandler(ChannelDirectory channels, Executor answers) {
    this.channels = channels;
    this.answers = answers;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "no such resource; try /hls/CHANNEL/index.m3u8");
      return true;
    }
    ChannelHls channel = channels.get(rest.substring(0, slash));
    if (channel == null) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "unknown channel");
      return true;
    }
    String file = rest.substring(slash + 1);
    if (file.equals("index.m3u8")) {
      master(channel, request, response, callback);
    } else if (file.equals(SegmentFormat.TS.playlist())) {
      media(channel, SegmentFormat.TS, request, response, callback);
    } else if (file.equals(SegmentFormat.CMAF.playlist())) {
      media(channel, SegmentFormat.CMAF, request, response, callback);
    } else if (file.endsWith(".mp4")) {
      init(channel, file, request, response, callback);
    } else {
      media(channel, SegmentName.parse(file), request, response, callback);
    }
    return true;
  }

  private void init(ChannelHls channel, String file, Request request, Response response, Callback callback) {
    int version = SegmentName.initVersion(file, channel.window().run());
    byte[] init = version < 0 ? null : channel.cmafInit(version);
    if (init == null) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "no such init segment");
      return;
    }
    HttpReply.bytes(request, response, callback, "video/mp4", HttpReply.IMMUTABLE, ByteBuffer.wrap(init), true);
  }

  private void master(ChannelHls channel, Request request, Response response, Callback callback) {
    waitFor(channel, LiveWindow::playable, channel.settings().playableWaitMicros(), request, response, callback,
        w -> HttpReply.text(request, response, callback, PLAYLIST, HttpReply.LIVE,
            MasterPlaylist.render(w, channel.description(), channel.cmafCodecs())));
  }

  private void media(ChannelHls channel, SegmentFormat format, Request request, Response response, Callback callback) {
    PlaylistQuery query;
    try {
      query = PlaylistQuery.parse(request.getHttpURI().getQuery());
    } catch (IllegalArgumentException e) {
      HttpReply.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "bad playlist request: " + e.getMessage());
      return;
    }
    LiveWindow now = channel.window();
    if (query.tooFarAhead(now)) {
      HttpReply.error(request, response, callback, HttpStatus.BAD_REQUEST_400,
          "_HLS_msn/_HLS_part ask too far past the playlist's end (segment " + now.lastMsn() + ")");
      return;
    }
    waitFor(channel, query::satisfiedBy, blockingWait(channel, now), request, response, callback,
        w -> HttpReply.text(request, response, callback, PLAYLIST, HttpReply.LIVE,
            MediaPlaylist.render(w, query.skip(), format)));
  }

  private void media(ChannelHls channel, SegmentName name, Request request, Response response, Callback callback) {
    LiveWindow now = channel.window();
    if (name == null || !name.run().equals(now.run())) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "no such segment");
      return;
    }
    SegmentFormat format = name.format();
    if (name.part() < 0) {
      Segment s = now.segment(name.msn());
      ByteBuffer bytes = s == null ? null : s.bytes(format);
      if (bytes == null) {
        HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404,
            s == null ? "segment " + name.msn() + " is not in the live window" : "segment " + name.msn() + " is a gap");
        return;
      }
      HttpReply.bytes(request, response, callback, format.contentType(), HttpReply.IMMUTABLE, bytes, true);
      return;
    }
    Part p = now.part(name.msn(), name.part());
    if (p != null) {
      partReply(p, format, request, response, callback);
      return;
    }
    boolean hinted = name.msn() == now.nextMsn() && name.part() == now.openParts();
    if (!hinted) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "part " + name.msn() + "." + name.part()
          + " is not in the live window");
      return;
    }
    // The preload hint: answer the moment the part exists, or 404 once its segment ended without it.
    Predicate<LiveWindow> settled = w -> w.part(name.msn(), name.part()) != null || w.nextMsn() > name.msn();
    waitFor(channel, settled, blockingWait(channel, now), request, response, callback, w -> {
      Part q = w.part(name.msn(), name.part());
      if (q == null) {
        HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "segment " + name.msn() + " ended before part "
            + name.part());
      } else {
        partReply(q, format, request, response, callback);
      }
    });
  }

  private static void partReply(Part p, SegmentFormat format, Request request, Response response, Callback callback) {
    ByteBuffer bytes = p.bytes(format);
    if (bytes == null) {
      HttpReply.error(request, response, callback, HttpStatus.NOT_FOUND_404, "this part has no fMP4 form (a gap)");
    } else {
      HttpReply.bytes(request, response, callback, format.contentType(), HttpReply.IMMUTABLE, bytes, true);
    }
  }

  /** Three target durations, as RFC 8216bis allows a blocking request; before the first segment, the join wait. */
  private static long blockingWait(ChannelHls channel, LiveWindow w) {
    return w.playable() ? 3 * Math.max(1, w.targetSeconds()) * 1_000_000 : channel.settings().playableWaitMicros();
  }

  private void waitFor(ChannelHls channel, Predicate<LiveWindow> ready, long timeoutMicros, Request request,
      Response response, Callback callback, Consumer<LiveWindow> answer) {
    Predicate<LiveWindow> playableAndReady = w -> w.playable() && ready.test(w);
    boolean waiting = channel.await(playableAndReady, timeoutMicros,
        w -> answers.execute(() -> answer.accept(w)),
        () -> answers.execute(() -> HttpReply.unavailable(request, response, callback,
            channel.window().playable() ? "the playlist did not reach that point in time" : "the channel is not playable yet")));
    if (!waiting) {
      HttpReply.unavailable(request, response, callback, "too many requests are waiting on this channel");
    }
  }
}
