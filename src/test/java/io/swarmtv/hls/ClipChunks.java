package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.ingest.Chunker;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

/**
 * The bundled clip, looping, cut by the real chunker into chunks on a virtual clock: packets
 * arrive evenly over each pass, so chunk timestamps follow media time as a live source's would.
 * Signatures are left blank: the HLS side takes chunks the swarm already verified.
 */
public final class ClipChunks {
  private final TsLoop clip = TsLoop.demoClip();
  private final Chunker chunker;
  private final ArrayDeque<ChunkCut> cuts = new ArrayDeque<>();
  private final long startMicros;
  private final double microsPerPacket;
  private final byte[] packet = new byte[TsPacket.SIZE];
  private long packets;
  private final long firstSequence;
  private boolean restartFlag;
  private long lastSequence = -1;

  public ClipChunks(long startMicros) {
    this(startMicros, 0, false);
  }

  private ClipChunks(long startMicros, long firstSequence, boolean restart) {
    this.startMicros = startMicros;
    this.firstSequence = firstSequence;
    this.restartFlag = restart;
    this.chunker = new Chunker(ChunkerSettings.DEFAULT, cuts::add);
    this.microsPerPacket = clip.loopDuration().toNanos() / 1000.0 / clip.packetsPerPass();
  }

  /** The next chunk (its timestamp is when its first packet arrived). */
  public Chunk next() {
    while (cuts.isEmpty()) {
      try {
        clip.read(packet, 0, 1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long now = startMicros + Math.round(packets++ * microsPerPacket);
      chunker.flushIfDue(now);
      chunker.accept(packet, 0, now);
    }
    ChunkCut c = cuts.removeFirst();
    int flags = c.flags() | (restartFlag ? ChunkFlags.DISCONTINUITY : 0);
    restartFlag = false;
    lastSequence = firstSequence + c.sequence();
    return new Chunk(lastSequence, c.arrivalMicros(), (int) c.durationMicros(), flags, 0, c.payload(),
        new byte[Chunk.SIGNATURE_LENGTH]);
  }

  /**
   * The source restarts at {@code nowMicros}, as a broadcaster whose feed was restarted does: the
   * clip from its beginning (timestamps jump back), chunk sequences going on, the first chunk
   * flagged a discontinuity.
   */
  public ClipChunks restarted(long nowMicros) {
    return new ClipChunks(nowMicros, lastSequence + 1, true);
  }
}
