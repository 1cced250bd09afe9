package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.swarm.PeerEvents;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.ProtocolException;
import io.swarmtv.swarm.wire.VersionRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Swarm logic for tests: records what the transport reports, on its own single thread, and notes
 * every breach of the {@link PeerEvents} contract (wrong thread, events out of lifecycle order).
 * On a protocol error it closes the link, as the real logic would.
 */
final class RecordingPeerEvents implements PeerEvents, AutoCloseable {
  sealed interface Event permits Connected, Message, ProtocolError, Disconnected {
    PeerLink link();
  }

  record Connected(PeerLink link, Handshake theirs, int version) implements Event {}

  record Message(PeerLink link, PeerMessage message) implements Event {}

  record ProtocolError(PeerLink link, ProtocolException error) implements Event {}

  record Disconnected(PeerLink link) implements Event {}

  private enum LinkState { CONNECTED, REFUSED, DISCONNECTED }

  private final Handshake handshake;
  private final ExecutorService executor;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<PeerLink, LinkState> states = new HashMap<>(); // logic thread only
  private volatile Thread thread;
  private volatile boolean accept = true;

  RecordingPeerEvents(ChannelId channel, VersionRange versions) {
    this.handshake = new Handshake(versions, channel, PeerId.random(), 0, 0);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "logic-" + channel.toString().substring(0, 6));
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  RecordingPeerEvents(ChannelId channel) {
    this(channel, VersionRange.SUPPORTED);
  }

  /** What {@link #handshake()} answers, for assertions from the test's thread. */
  Handshake ourHandshake() {
    return handshake;
  }

  ExecutorService executor() {
    return executor;
  }

  /** From now on, refuse new peers as a full swarm would: a goodbye, then false. */
  void refuseNewPeers() {
    accept = false;
  }

  /** Runs {@code action} on the logic thread, as the logic would, and waits for its result. */
  <T> T onLogicThread(Callable<T> action) throws Exception {
    return executor.submit(action).get(10, TimeUnit.SECONDS);
  }

  void sendAll(PeerLink link, List<? extends PeerMessage> messages) throws Exception {
    onLogicThread(() -> {
      messages.forEach(link::send);
      return null;
    });
  }

  /** The next event, which must be a {@code type}. */
  <T extends Event> T next(Class<T> type) throws InterruptedException {
    Event event = events.poll(10, TimeUnit.SECONDS);
    assertNotNull(event, "no " + type.getSimpleName() + " within 10 s");
    return assertInstanceOf(type, event, "events: " + event);
  }

  /** The messages of the next {@code count} events, which must all be messages. */
  List<PeerMessage> nextMessages(int count) throws InterruptedException {
    List<PeerMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add(next(Message.class).message());
    }
    return messages;
  }

  /** Nothing happens for {@code millis}. */
  void assertQuietFor(long millis) throws InterruptedException {
    Event event = events.poll(millis, TimeUnit.MILLISECONDS);
    assertNull(event, "unexpected event");
  }

  void assertContractKept() {
    assertEquals(List.of(), violations);
  }

  @Override
  public Handshake handshake() {
    checkThread("handshake");
    return handshake;
  }

  @Override
  public boolean onConnected(PeerLink link, Handshake theirs, int version) {
    checkThread("onConnected");
    if (states.containsKey(link)) {
      violations.add("onConnected twice for " + link);
    }
    events.add(new Connected(link, theirs, version));
    if (!accept) {
      states.put(link, LinkState.REFUSED);
      link.close(GoodbyeReason.TOO_MANY_PEERS, "full");
      return false;
    }
    states.put(link, LinkState.CONNECTED);
    return true;
  }

  @Override
  public void onMessage(PeerLink link, PeerMessage message) {
    checkThread("onMessage");
    checkConnected("onMessage", link);
    events.add(new Message(link, message));
  }

  @Override
  public void onProtocolError(PeerLink link, ProtocolException error) {
    checkThread("onProtocolError");
    checkConnected("onProtocolError", link);
    events.add(new ProtocolError(link, error));
    link.close(GoodbyeReason.PROTOCOL_ERROR, error.getMessage());
  }

  @Override
  public void onDisconnected(PeerLink link) {
    checkThread("onDisconnected");
    checkConnected("onDisconnected", link);
    states.put(link, LinkState.DISCONNECTED);
    events.add(new Disconnected(link));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private void checkThread(String call) {
    if (Thread.currentThread() != thread) {
      violations.add(call + " on " + Thread.currentThread().getName());
    }
  }

  private void checkConnected(String call, PeerLink link) {
    LinkState state = states.get(link);
    if (state != LinkState.CONNECTED) {
      violations.add(call + " for " + link + " in state " + state);
    }
  }
}
