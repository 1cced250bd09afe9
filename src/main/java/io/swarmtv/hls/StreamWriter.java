package io.swarmtv.hls;

import java.nio.ByteBuffer;

/** Where a continuous stream's bytes go: one asynchronous write at a time. */
public interface StreamWriter {

  /**
   * Starts writing {@code bytes}; calls {@code done} when they are written or {@code failed} when
   * the client is gone. Never called again before one of them ran.
   */
  void write(ByteBuffer bytes, Runnable done, java.util.function.Consumer<Throwable> failed);

  /** The stream ends from this side (the channel is left): end the response, a write may be pending. */
  default void end() {}
}
