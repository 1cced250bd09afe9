package io.swarmtv.dlna;

import java.net.InetAddress;

/**
 * The HTTP request a UPnP action is answering: which of our addresses it came in on and which
 * client sent it.
 *
 * <p>jUPnP runs an action on the thread that read its request, without telling the action about
 * the connection; the stream server sets this for the duration, so the ContentDirectory can point
 * a TV at our address on the TV's own network and pick the DLNA flags its model wants.
 *
 * @param localAddress our address the request arrived at
 * @param userAgent the client's User-Agent header, "" when absent
 */
record ControlRequest(InetAddress localAddress, String userAgent) {
  private static final ThreadLocal<ControlRequest> CURRENT = new ThreadLocal<>();

  /** The request this thread is answering, or null outside of one. */
  static ControlRequest current() {
    return CURRENT.get();
  }

  /** Runs {@code work} as the answer to this request. */
  void run(Runnable work) {
    ControlRequest before = CURRENT.get();
    CURRENT.set(this);
    try {
      work.run();
    } finally {
      CURRENT.set(before);
    }
  }
}
