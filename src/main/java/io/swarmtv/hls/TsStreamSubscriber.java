package io.swarmtv.hls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of a channel's continuous MPEG-TS stream, with a bounded queue: when the client
 * reads slower than the channel plays and the queue is full, what is queued is dropped and the
 * client resumes at the next keyframe (program tables first), so memory never grows with a slow
 * reader and what it gets stays decodable.
 */
public final class TsStreamSubscriber {
  private final StreamWriter writer;
  private final int maxQueuedBytes;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean writing;
  private boolean waitingForKeyframe = true;
  private boolean closed;
  private long skips;
  private long bytesWritten;
  private Runnable onClose = () -> { };

  public TsStreamSubscriber(StreamWriter writer, int maxQueuedBytes) {
    this.writer = Objects.requireNonNull(writer);
    this.maxQueuedBytes = maxQueuedBytes;
  }

  void onClose(Runnable r) {
    this.onClose = r;
  }

  /** A segment starts: a waiting client begins here, with {@code head} (tables and media so far). */
  void segmentStart(List<byte[]> head) {
    ByteBuffer next = null;
    synchronized (this) {
      if (closed || !waitingForKeyframe) {
        return;
      }
      waitingForKeyframe = false;
      head.forEach(this::enqueue);
      next = poll();
    }
    write(next);
  }

  /** Media that continues the current segment. */
  void data(byte[] ts) {
    ByteBuffer next;
    synchronized (this) {
      if (closed || waitingForKeyframe) {
        return;
      }
      if (queuedBytes + ts.length > maxQueuedBytes) {
        queue.clear();
        queuedBytes = 0;
        waitingForKeyframe = true;
        skips++;
        return;
      }
      enqueue(ts);
      next = poll();
    }
    write(next);
  }

  /** The stream broke (media lost): resume at the next keyframe. */
  synchronized void interrupt() {
    waitingForKeyframe = true;
  }

  private void enqueue(byte[] b) {
    queue.addLast(b);
    queuedBytes += b.length;
  }

  /** The next buffer to write, when nothing is being written; under the lock. */
  private ByteBuffer poll() {
    if (writing || queue.isEmpty()) {
      return null;
    }
    byte[] b = queue.removeFirst();
    queuedBytes -= b.length;
    writing = true;
    return ByteBuffer.wrap(b).asReadOnlyBuffer();
  }

  private void write(ByteBuffer first) {
    ByteBuffer b = first;
    while (b != null) {
      int n = b.remaining();
      // 0: write() running; 1: it returned first; 2: the write completed before it returned
      AtomicInteger state = new AtomicInteger();
      writer.write(b, () -> {
        if (!state.compareAndSet(0, 2)) {
          write(completed(n)); // completed later on the writer's thread: go on from there
        }
      }, this::fail);
      if (state.compareAndSet(0, 1)) {
        return;
      }
      b = completed(n); // completed at once: loop rather than recurse, so the stack stays flat
    }
  }

  private synchronized ByteBuffer completed(int n) {
    bytesWritten += n;
    writing = false;
    return closed ? null : poll();
  }

  private void fail(Throwable error) {
    cancel();
  }

  /** Stops sending and ends the client's response; the fan-out forgets the client. */
  public void close() {
    if (cancel()) {
      writer.end();
    }
  }

  /** Stops sending without ending the response (it ended already); true if it was running. */
  public boolean cancel() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
    onClose.run();
    return true;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Times the client fell behind and skipped to the next keyframe. */
  public synchronized long skips() {
    return skips;
  }

  /** Bytes queued and not yet handed to the writer. */
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** Bytes the writer has finished writing. */
  public synchronized long bytesWritten() {
    return bytesWritten;
  }
}
