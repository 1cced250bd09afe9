package io.swarmtv.web;

import io.swarmtv.hls.ChannelDirectory;
import io.swarmtv.hls.ChannelM3u;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /playlist.m3u}: every channel, with URLs on the host the player asked (its Host header),
 * so a TV on the LAN gets addresses it can reach.
 */
final class M3uHandler extends Handler.Abstract.NonBlocking {
  static final String PATH = "/playlist.m3u";
  /** A host name, IPv4 address or bracketed IPv6 address, with an optional port: nothing that could break a line. */
  private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

  private final ChannelDirectory channels;

  M3uHandler(ChannelDirectory channels) {
    this.channels = channels;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || host.isEmpty()) {
      String addr = Request.getLocalAddr(request);
      host = (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + Request.getLocalPort(request);
    } else if (!HOST.matcher(host).matches()) {
      HttpReply.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "malformed Host header");
      return true;
    }
    HttpReply.text(request, response, callback, "audio/x-mpegurl; charset=utf-8", HttpReply.LIVE,
        ChannelM3u.render("http://" + host, channels.all()));
    return true;
  }
}
