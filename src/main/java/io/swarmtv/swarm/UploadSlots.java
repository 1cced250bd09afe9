package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.SubStream;
import java.util.Collection;

/**
 * Who a node uploads to and how much: sub-stream children within the slots it offers, and, at the
 * source, each chunk at most {@link SwarmSettings#sourceCopies()} times in all.
 */
final class UploadSlots {
  private final SwarmSettings settings;
  private final boolean source;
  private final int[] copies = new int[ChunkWindow.SLOTS];
  private final long[] copiesSeq = new long[ChunkWindow.SLOTS];

  UploadSlots(SwarmSettings settings, boolean source) {
    this.settings = settings;
    this.source = source;
  }

  /** Whether chunk {@code seq} may be uploaded once more (always, except at the source). */
  boolean mayUpload(long seq) {
    if (!source) {
      return true;
    }
    int i = (int) (seq & (ChunkWindow.SLOTS - 1));
    if (copiesSeq[i] != seq) {
      copiesSeq[i] = seq;
      copies[i] = 0;
    }
    return copies[i] < settings.sourceCopies();
  }

  /** Chunk {@code seq} was uploaded once more. */
  void uploaded(long seq) {
    if (source) {
      copies[(int) (seq & (ChunkWindow.SLOTS - 1))]++;
    }
  }

  /**
   * Whether a new child for {@code sub} fits: the source takes a few per sub-stream (its copies),
   * a relay a number of sub-stream subscriptions in all, and no more than its upload limit carries
   * at {@code streamBytesPerSecond} (with a fifth kept for answering requests).
   */
  boolean acceptsChild(Collection<RemotePeer> peers, int sub, long streamBytesPerSecond) {
    int taken = 0;
    for (RemotePeer p : peers) {
      taken += source ? (p.childFrom[sub] >= 0 ? 1 : 0) : p.children();
    }
    int slots = source ? settings.sourceCopies() : settings.uploadSlots();
    if (settings.uploadLimit() > 0 && streamBytesPerSecond > 0) {
      long perSubStream = Math.max(1, streamBytesPerSecond / settings.subStreams());
      slots = (int) Math.min(slots, settings.uploadLimit() * 4 / 5 / perSubStream);
    }
    return taken < slots;
  }

  /** A child that gave up sub-stream {@code dropped} to make room. */
  record Displaced(RemotePeer child, SubStream dropped) {}

  /**
   * Drops a child so that {@code newcomer} gets a slot for {@code sub}; null if none may go. Upload
   * goes first to peers that can relay onward, so a child that accepts connections displaces one
   * that cannot (a peer behind NAT without a mapped port can still pull what it misses).
   */
  Displaced displaceFor(Collection<RemotePeer> peers, RemotePeer newcomer, int sub) {
    if (newcomer.listenAddress() == null) {
      return null;
    }
    for (RemotePeer p : peers) {
      if (p == newcomer || p.listenAddress() != null) {
        continue;
      }
      for (int s = 0; s < settings.subStreams(); s++) {
        if (p.childFrom[s] >= 0 && (!source || s == sub)) {
          p.childFrom[s] = -1;
          return new Displaced(p, new SubStream(s, settings.subStreams()));
        }
      }
    }
    return null;
  }
}
