package io.swarmtv.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  /** A client whose writes complete only when the test says so, like a slow phone. */
  private static final class SlowSink implements EventSink {
    final List<String> frames = new ArrayList<>();
    final List<Runnable> pending = new ArrayList<>();

    @Override
    public void send(String frame, Runnable done, java.util.function.Consumer<Throwable> failed) {
      frames.add(frame);
      pending.add(done);
    }

    void finishOne() {
      pending.remove(0).run();
    }
  }

  @Test
  void aSlowClientGetsTheNewestStateNotAQueue() {
    AtomicInteger state = new AtomicInteger();
    EventStream stream = new EventStream(base -> "{\"n\":" + state.get() + ",\"base\":\"" + base + "\"}");
    SlowSink slow = new SlowSink();
    stream.subscribe("http://10.0.0.5:8080", slow);
    assertEquals(List.of("event: status\ndata: {\"n\":0,\"base\":\"http://10.0.0.5:8080\"}\n\n"), slow.frames);
    for (int i = 1; i <= 100; i++) {
      state.set(i);
      stream.publish();
    }
    assertEquals(1, slow.frames.size(), "nothing more is written while the first frame is on its way");
    slow.finishOne();
    assertEquals(2, slow.frames.size());
    assertEquals("event: status\ndata: {\"n\":100,\"base\":\"http://10.0.0.5:8080\"}\n\n", slow.frames.get(1),
        "the hundred changes collapsed into the newest state");
    slow.finishOne();
    assertEquals(2, slow.frames.size(), "nothing new: nothing sent");
  }

  @Test
  void closedAndFailedClientsLeaveAndTheNumberIsBounded() {
    EventStream stream = new EventStream(base -> "{}");
    List<EventStream.Client> clients = new ArrayList<>();
    for (int i = 0; i < EventStream.MAX_CLIENTS; i++) {
      clients.add(stream.subscribe("http://h", (frame, done, failed) -> done.run()));
    }
    assertNull(stream.subscribe("http://h", (frame, done, failed) -> done.run()), "full");
    clients.get(0).close();
    assertEquals(EventStream.MAX_CLIENTS - 1, stream.clients());
    stream.subscribe("http://h", (frame, done, failed) -> failed.accept(new java.io.IOException("gone")));
    assertEquals(EventStream.MAX_CLIENTS - 1, stream.clients(), "a client whose write failed is dropped");
  }
}
