package io.swarmtv.web;

import java.util.function.Consumer;

/** Where one live-update client's frames go: a response on a socket, or a list in a test. */
@FunctionalInterface
interface EventSink {
  /** Writes {@code frame}; calls {@code done} when it is sent, or {@code failed} when the client is gone. */
  void send(String frame, Runnable done, Consumer<Throwable> failed);

  /** Ends the stream (the gateway is stopping); called once, with no frame on its way. */
  default void end() {}
}
