package io.swarmtv.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The continuous stream's clients: where they start, and that a slow one cannot grow memory. */
class TsStreamFanoutTest {
  private static final long START = 1_780_000_000_000_000L;

  /** A client that takes every write at once. */
  private static final class FastClient implements StreamWriter {
    final ByteArrayOutputStream got = new ByteArrayOutputStream();

    @Override
    public void write(ByteBuffer bytes, Runnable done, Consumer<Throwable> failed) {
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      got.writeBytes(b);
      done.run();
    }
  }

  /** A client that never finishes a write: a TV that stopped reading. */
  private static final class StuckClient implements StreamWriter {
    final List<ByteBuffer> started = new ArrayList<>();

    @Override
    public void write(ByteBuffer bytes, Runnable done, Consumer<Throwable> failed) {
      started.add(bytes);
    }
  }

  @Test
  void clientsStartAtAKeyframeWithTheTablesAndASlowOneSkipsInsteadOfQueueing() {
    HlsSettings settings = HlsSettings.DEFAULT.withStreamQueueBytes(256 * 1024);
    ManualClock clock = new ManualClock(START);
    ChannelHls channel = new ChannelHls("ch", () -> "Test", settings, clock);
    ClipChunks source = new ClipChunks(START);
    // A client that joins before anything is playable starts at the first keyframe.
    FastClient early = new FastClient();
    channel.subscribe(early);
    StuckClient stuck = new StuckClient();
    TsStreamSubscriber stuckSubscriber = channel.subscribe(stuck);
    long maxQueued = 0;
    long expected = -1;
    for (int i = 0; i < 3000; i++) { // minutes of the clip
      var c = source.next();
      if (expected < 0 && c.has(io.swarmtv.channel.ChunkFlags.SEGMENT_START)) {
        expected = 2 * TsPacket.SIZE; // the PAT and PMT put first
      }
      if (expected >= 0) {
        expected += c.payload().length;
      }
      clock.set(c.timestampMicros());
      channel.accept(c);
      maxQueued = Math.max(maxQueued, stuckSubscriber.queuedBytes());
      if (i == 1500) {
        FastClient late = new FastClient();
        channel.subscribe(late);
        lateClient = late;
      }
    }
    byte[] all = early.got.toByteArray();
    assertEquals(expected, all.length, "the early client got every byte from the first keyframe on");
    assertEquals(TsPacket.PAT_PID, TsPacket.pid(all, 0), "the stream starts with the PAT");
    byte[] late = lateClient.got.toByteArray();
    assertEquals(TsPacket.PAT_PID, TsPacket.pid(late, 0), "a client joining mid-stream starts with the PAT too");
    assertTrue(late.length > 8_000_000);
    assertEquals(1, stuck.started.size(), "the stuck client has one write outstanding");
    assertTrue(maxQueued <= settings.streamQueueBytes(), "its queue stays bounded: " + maxQueued);
    assertTrue(stuckSubscriber.skips() > 10, "it skipped ahead, many times: " + stuckSubscriber.skips());
    assertEquals(3, channel.streamClients());
    stuckSubscriber.close();
    assertEquals(2, channel.streamClients());
  }

  private FastClient lateClient;
}
