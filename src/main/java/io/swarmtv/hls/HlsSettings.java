package io.swarmtv.hls;

/**
 * How the gateway packages a channel.
 *
 * @param windowMicros media kept in the live window; older segments leave it (and answer 404)
 * @param maxWindowBytes bytes kept in the window at most, whatever its duration
 * @param reorderWaitMicros how long a missing chunk is waited for before it is declared lost
 * @param maxHeldChunks chunks held behind a missing one at most
 * @param partTargetMicros the PART-TARGET announced: the source's part length (0.5 s by default)
 *     plus a tenth, because the chunker may let a part run a frame long (seen after a restart)
 *     and PART-TARGET must cover every part and never change
 * @param playableWaitMicros how long a request for a channel not yet playable waits for its first segment
 * @param streamQueueBytes bytes queued for one slow {@code /ts} client before it skips ahead
 */
public record HlsSettings(
    long windowMicros,
    long maxWindowBytes,
    long reorderWaitMicros,
    int maxHeldChunks,
    long partTargetMicros,
    long playableWaitMicros,
    int streamQueueBytes) {

  public static final HlsSettings DEFAULT =
      new HlsSettings(30_000_000, 256L << 20, 1_500_000, 4096, 550_000, 10_000_000, 4 << 20);

  public HlsSettings {
    if (windowMicros < 6_000_000) {
      throw new IllegalArgumentException("the live window must hold at least 6 s, was " + windowMicros / 1e6 + " s");
    }
    if (maxWindowBytes < 1 << 20 || reorderWaitMicros < 0 || maxHeldChunks < 1 || partTargetMicros <= 0
        || playableWaitMicros < 0 || streamQueueBytes < 64 * 1024) {
      throw new IllegalArgumentException("HLS settings out of range: " + this);
    }
  }

  public HlsSettings withPlayableWaitMicros(long micros) {
    return new HlsSettings(windowMicros, maxWindowBytes, reorderWaitMicros, maxHeldChunks, partTargetMicros, micros,
        streamQueueBytes);
  }

  public HlsSettings withStreamQueueBytes(int bytes) {
    return new HlsSettings(windowMicros, maxWindowBytes, reorderWaitMicros, maxHeldChunks, partTargetMicros,
        playableWaitMicros, bytes);
  }

  public HlsSettings withPartTargetMicros(long micros) {
    return new HlsSettings(windowMicros, maxWindowBytes, reorderWaitMicros, maxHeldChunks, micros, playableWaitMicros,
        streamQueueBytes);
  }
}
