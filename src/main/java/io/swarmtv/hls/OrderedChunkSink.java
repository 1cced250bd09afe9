package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;

/** Receives a channel's chunks in sequence order, and the sequences given up as lost. */
public interface OrderedChunkSink {

  /** The next chunk in sequence order. */
  void chunk(Chunk chunk);

  /** Sequences {@code [from, to)} never came in time; the next {@link #chunk} is {@code to}. */
  void lost(long from, long to);
}
