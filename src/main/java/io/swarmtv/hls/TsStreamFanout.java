package io.swarmtv.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A channel's continuous MPEG-TS stream handed to every {@code /ts} client. It keeps the current
 * segment (tables, then media since the last keyframe) so a new client starts at once at a
 * keyframe, a few seconds behind live, instead of waiting for the next one.
 */
public final class TsStreamFanout {
  /** Past this, the current segment is not kept for new clients (they wait for the next keyframe). */
  private final long maxSegmentBytes;
  private final int clientQueueBytes;
  private final List<TsStreamSubscriber> subscribers = new CopyOnWriteArrayList<>();
  private final List<byte[]> segment = new ArrayList<>();
  private long segmentBytes;
  private boolean segmentKept;

  public TsStreamFanout(int clientQueueBytes, long maxSegmentBytes) {
    this.clientQueueBytes = clientQueueBytes;
    this.maxSegmentBytes = maxSegmentBytes;
  }

  /** A new client: starts with the current segment, or at the next keyframe. */
  public TsStreamSubscriber subscribe(StreamWriter writer) {
    TsStreamSubscriber s = new TsStreamSubscriber(writer, clientQueueBytes);
    s.onClose(() -> subscribers.remove(s));
    synchronized (this) {
      subscribers.add(s);
      if (segmentKept) {
        s.segmentStart(List.copyOf(segment));
      }
    }
    return s;
  }

  /** A segment starts with these program tables. */
  public synchronized void segmentStart(byte[] tables) {
    segment.clear();
    segment.add(tables);
    segmentBytes = tables.length;
    segmentKept = true;
    List<byte[]> head = List.of(tables);
    for (TsStreamSubscriber s : subscribers) {
      s.segmentStart(head);
    }
  }

  /** Media continuing the current segment. */
  public synchronized void data(byte[] ts) {
    if (segmentKept) {
      segment.add(ts);
      segmentBytes += ts.length;
      if (segmentBytes > maxSegmentBytes) {
        segment.clear();
        segmentKept = false;
      }
    }
    for (TsStreamSubscriber s : subscribers) {
      s.data(ts);
    }
  }

  /** Media was lost: every client resumes at the next keyframe. */
  public synchronized void interrupt() {
    segment.clear();
    segmentKept = false;
    for (TsStreamSubscriber s : subscribers) {
      s.interrupt();
    }
  }

  // Subscribers are told under this object's lock, so a client that joins mid-segment gets the
  // segment so far exactly once, never a piece twice or out of order.

  /** Clients connected now. */
  public int clients() {
    return subscribers.size();
  }

  /** Ends every client's stream (the channel is left). */
  public void closeAll() {
    for (TsStreamSubscriber s : subscribers) {
      s.close();
    }
  }
}
