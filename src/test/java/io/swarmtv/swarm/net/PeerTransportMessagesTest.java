package io.swarmtv.swarm.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.Have;
import io.swarmtv.swarm.wire.PeerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages between connected peers: order, real chunks, and what a slow reader does. */
class PeerTransportMessagesTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final ChannelId CHANNEL = KEY.id();

  private final TransportFixture net = new TransportFixture();

  @AfterEach
  void closeAll() throws Exception {
    net.closeAll();
  }

  /** Chunks with a have after every tenth, so that order holds across message types too. */
  private static List<PeerMessage> chunksAndHaves(int count) {
    List<PeerMessage> messages = new ArrayList<>();
    for (ChunkMessage chunk : Loopback.chunks(KEY, count, Chunk.MAX_PAYLOAD)) {
      messages.add(chunk);
      if (chunk.chunk().sequence() % 10 == 9) {
        messages.add(new Have(chunk.chunk().sequence()));
      }
    }
    return messages;
  }

  @Test
  void aThousandSignedChunksFlowBothWaysAtOnceInOrder() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    PeerLink[] links = TransportFixture.connect(a, aLogic, b, bLogic, CHANNEL);
    List<PeerMessage> messages = chunksAndHaves(1000);

    aLogic.executor().execute(() -> messages.forEach(links[0]::send));
    bLogic.executor().execute(() -> messages.forEach(links[1]::send));

    assertEquals(messages, bLogic.nextMessages(messages.size()));
    assertEquals(messages, aLogic.nextMessages(messages.size()));
    await().until(() -> links[0].queuedBytes() == 0 && links[1].queuedBytes() == 0);
    aLogic.assertQuietFor(100);
    bLogic.assertQuietFor(0);
  }

  @Test
  void queuedBytesRiseWhileThePeerDoesNotReadAndFallWhenItDoes() throws Exception {
    PeerTransport b = net.transport();
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    RawPeerSocket raw = net.keep(RawPeerSocket.connectWithSmallReceiveBuffer(b.port()));
    raw.send(TransportFixture.handshake(CHANNEL));
    assertInstanceOf(Handshake.class, raw.read());
    PeerLink link = bLogic.next(RecordingPeerEvents.Connected.class).link();
    List<ChunkMessage> chunks = Loopback.chunks(KEY, 1200, Chunk.MAX_PAYLOAD);
    long total = chunks.stream().mapToLong(c -> 5 + c.bodyLength()).sum();

    bLogic.sendAll(link, chunks);

    // The kernel's buffers take a few MB at most; the rest waits in the transport.
    await().atMost(Duration.ofSeconds(10)).until(() -> link.queuedBytes() > total / 3);
    for (ChunkMessage chunk : chunks) {
      assertEquals(chunk, raw.read());
    }
    await().until(() -> link.queuedBytes() == 0);
  }

  @Test
  void aSlowLogicStopsItsConnectionBeingReadSoTheSenderQueues() throws Exception {
    PeerTransport a = net.transport();
    PeerTransport b = net.transport();
    RecordingPeerEvents aLogic = net.join(a, CHANNEL);
    RecordingPeerEvents bLogic = net.join(b, CHANNEL);
    PeerLink[] links = TransportFixture.connect(a, aLogic, b, bLogic, CHANNEL);
    CountDownLatch busy = new CountDownLatch(1);
    bLogic.executor().execute(() -> {
      try {
        busy.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    List<ChunkMessage> chunks = Loopback.chunks(KEY, 1500, Chunk.MAX_PAYLOAD);

    aLogic.sendAll(links[0], chunks);

    // b holds at most about a MB for its stuck logic and stops reading; after the kernel's
    // buffers (several MB on loopback) the rest queues at a.
    await().atMost(Duration.ofSeconds(10)).until(() -> links[0].queuedBytes() > 4 << 20);
    busy.countDown();
    assertEquals(chunks, bLogic.nextMessages(chunks.size()));
    await().until(() -> links[0].queuedBytes() == 0);
  }
}
