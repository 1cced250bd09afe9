package io.swarmtv.swarm.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmtv.swarm.PeerEvents;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.Goodbye;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.IncompatibleVersionException;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.Ping;
import io.swarmtv.swarm.wire.Pong;
import io.swarmtv.swarm.wire.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a peer: both handshakes, then messages handed between Netty's thread and
 * the channel's, and its end reported to the logic exactly once.
 *
 * <p>Two threads own parts of it: fields under "event loop" are touched only on the connection's
 * Netty event loop, fields under "logic thread" only on the channel's executor. What the logic
 * sees (connected, refused, gone) is decided on the logic thread alone, from events queued there
 * in the order they happened, so no lock is needed to keep them in order.
 */
final class PeerConnection implements PeerLink {
  private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

  /**
   * Bytes of messages handed to the logic but not yet handled at which reading stops until it
   * catches up: a peer can make a slow logic thread buffer this much, plus one socket read, and
   * then waits, which shows as {@link #queuedBytes()} on its side.
   */
  static final long PAUSE_READING_BYTES = 1 << 20;
  /** Reading resumes below this, so a busy connection does not flap at the threshold. */
  static final long RESUME_READING_BYTES = 256 << 10;

  private static final ChannelFutureListener REPORT_UNEXPECTED_WRITE_FAILURE = future -> {
    Throwable cause = future.cause();
    // A closed or reset connection fails its queued writes; that is reported as a disconnect.
    if (cause != null && !(cause instanceof IOException)) {
      log.warn("cannot send to {}", future.channel().remoteAddress(), cause);
      future.channel().close();
    }
  };

  private enum Stage { OPENING, CONNECTED, REFUSED, ENDED }

  private final PeerTransport transport;
  private final Channel channel;
  private final InetSocketAddress remote;
  private final boolean inbound;
  private final CompletableFuture<PeerLink> dialed;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong undeliveredBytes = new AtomicLong();

  // Known from the start when dialling; set on the event loop once an accepted peer's handshake
  // names a registered channel.
  private volatile ChannelRegistration registration;
  // Why the connection ended, for the disconnect's debug line and a failed dial.
  private volatile Throwable failure;
  private volatile GoodbyeReason closeReason = GoodbyeReason.CLOSING;
  private volatile String closeDetail = "";

  // Event loop.
  private boolean countedAsHandshaking;
  private boolean theirHandshakeSeen;
  private boolean ourHandshakeWritten;
  private boolean readingStopped;
  private ScheduledFuture<?> handshakeTimer;
  private long keepaliveNonce;
  private boolean keepaliveAwaited;
  private Goodbye theirGoodbye;
  private boolean saidGoodbye;

  // Logic thread.
  private Stage stage = Stage.OPENING;
  private Handshake ours;

  private PeerConnection(PeerTransport transport, Channel channel, InetSocketAddress remote,
      ChannelRegistration registration, CompletableFuture<PeerLink> dialed) {
    this.transport = transport;
    this.channel = channel;
    this.remote = remote;
    this.registration = registration;
    this.dialed = dialed;
    this.inbound = dialed == null;
    this.countedAsHandshaking = inbound;
  }

  /** A connection the transport accepted, counted as handshaking until the peer's handshake. */
  static PeerConnection accepted(PeerTransport transport, Channel channel) {
    return new PeerConnection(
        transport, channel, (InetSocketAddress) channel.remoteAddress(), null, null);
  }

  /** A connection being dialled for {@code registration}, whose outcome completes {@code dialed}. */
  static PeerConnection dialled(PeerTransport transport, Channel channel,
      InetSocketAddress remote, ChannelRegistration registration,
      CompletableFuture<PeerLink> dialed) {
    return new PeerConnection(transport, channel, remote, registration, dialed);
  }

  Channel channel() {
    return channel;
  }

  ChannelRegistration registration() {
    return registration;
  }

  // ---- PeerLink: called from the logic thread (or, for close, the transport's closer).

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void send(PeerMessage message) {
    if (message instanceof Handshake) {
      throw new IllegalArgumentException("the transport sends the handshake; a second one is a "
          + "protocol error");
    }
    if (closing.get()) {
      return;
    }
    // From another thread this queues a task on the event loop, after our handshake's; the
    // pipeline's FlushConsolidationHandler turns a burst of these into few syscalls.
    channel.writeAndFlush(message).addListener(REPORT_UNEXPECTED_WRITE_FAILURE);
  }

  @Override
  public long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  @Override
  public void close(GoodbyeReason reason, String detail) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    Goodbye goodbye = Goodbye.because(reason, detail);
    closeReason = reason;
    closeDetail = detail;
    onEventLoop(() -> goodbyeAndClose(goodbye));
  }

  @Override
  public String toString() {
    return (inbound ? "peer from " : "peer at ") + remote;
  }

  // ---- Event loop: called by PeerConnectionHandler.

  void opened() {
    long timeout = transport.settings().handshakeTimeout().toNanos();
    handshakeTimer = channel.eventLoop().schedule(this::handshakeTimedOut, timeout,
        TimeUnit.NANOSECONDS);
    if (!inbound) {
      toLogic(this::sendOurHandshake);
    }
  }

  void received(PeerMessage message) {
    if (!theirHandshakeSeen) {
      // PeerMessageDecoder lets nothing but a handshake through first.
      theirHandshakeSeen = true;
      handshakeTimer.cancel(false);
      stopCountingAsHandshaking();
      Handshake theirs = (Handshake) message;
      if (inbound && !route(theirs)) {
        return;
      }
      toLogic(() -> handshakeArrived(theirs));
      return;
    }
    if (message instanceof Pong pong && keepaliveAwaited && pong.nonce() == keepaliveNonce) {
      keepaliveAwaited = false;
      return;
    }
    if (message instanceof Goodbye goodbye) {
      theirGoodbye = goodbye;
    }
    long size = MessageCodec.frameLength(message);
    if (undeliveredBytes.addAndGet(size) >= PAUSE_READING_BYTES) {
      channel.config().setAutoRead(false);
    }
    toLogic(() -> messageArrived(message, size));
  }

  void failed(Throwable cause) {
    if (cause instanceof ProtocolException e) {
      protocolError(e);
      return;
    }
    if (failure == null) {
      failure = cause;
    }
    if (!(cause instanceof IOException) && !(cause instanceof PrematureChannelClosureException)) {
      log.warn("unexpected failure on the connection with {}", remote, cause);
    }
    channel.close();
  }

  /** Nothing sent for the ping interval: a ping tells the peer we are still here. */
  void quiet() {
    if (!ourHandshakeWritten || closing.get()) {
      return;
    }
    keepaliveNonce = ThreadLocalRandom.current().nextLong();
    keepaliveAwaited = true;
    channel.writeAndFlush(new Ping(keepaliveNonce)).addListener(REPORT_UNEXPECTED_WRITE_FAILURE);
  }

  /** Nothing received for the idle timeout: the peer or the path to it is gone. */
  void silent() {
    if (failure == null) {
      failure = new SocketTimeoutException(
          "nothing received for " + transport.settings().idleTimeout().toMillis() + " ms");
    }
    channel.close();
  }

  void closed() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    stopCountingAsHandshaking();
    closing.set(true);
    log.debug("{} closed: {}", this, whyClosed());
    if (registration != null) {
      toLogic(this::ended);
    }
  }

  private String whyClosed() {
    Throwable why = failure;
    if (why != null) {
      return why.getMessage();
    }
    if (saidGoodbye) {
      return "we said goodbye, " + describe(closeReason, closeDetail);
    }
    if (theirGoodbye != null) {
      return "it said goodbye, " + describe(theirGoodbye.reason(), theirGoodbye.detail());
    }
    return "by the peer";
  }

  private static String describe(GoodbyeReason reason, String detail) {
    String name = reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return detail.isEmpty() ? name : name + " (" + detail + ")";
  }

  private boolean route(Handshake theirs) {
    ChannelRegistration found = transport.registration(theirs.channel());
    if (found == null) {
      failure = new PeerRefusedException(GoodbyeReason.WRONG_CHANNEL,
          "asked for channel " + theirs.channel() + ", which is not here");
      closing.set(true);
      // The decoder on the other side takes nothing before a handshake, not even a goodbye:
      // it gets one for a channel that is no one's, so it sees a channel mismatch, not garbage.
      channel.write(transport.refusalHandshake());
      ourHandshakeWritten = true;
      goodbyeAndClose(Goodbye.because(GoodbyeReason.WRONG_CHANNEL,
          "not in channel " + theirs.channel()));
      return false;
    }
    registration = found;
    return true;
  }

  private void protocolError(ProtocolException e) {
    // The decoder discards from here on anyway; not reading at all also lets the idle timeout
    // close a connection that the logic leaves open.
    readingStopped = true;
    channel.config().setAutoRead(false);
    if (failure == null) {
      failure = e;
    }
    if (registration == null) {
      channel.close(); // before an accepted peer's handshake: no channel's logic to tell
      return;
    }
    toLogic(() -> protocolErrorArrived(e));
  }

  private void handshakeTimedOut() {
    if (theirHandshakeSeen) {
      return;
    }
    failure = new SocketTimeoutException(
        "no handshake within " + transport.settings().handshakeTimeout().toMillis() + " ms");
    channel.close();
  }

  private void writeHandshake(Handshake handshake) {
    if (channel.isActive() && !ourHandshakeWritten) {
      channel.writeAndFlush(handshake).addListener(REPORT_UNEXPECTED_WRITE_FAILURE);
      ourHandshakeWritten = true;
    }
  }

  private void goodbyeAndClose(Goodbye goodbye) {
    if (!channel.isActive()) {
      return;
    }
    if (!ourHandshakeWritten) {
      channel.close(); // a goodbye before our handshake would be a protocol error
      return;
    }
    saidGoodbye = true;
    channel.writeAndFlush(goodbye).addListener(ChannelFutureListener.CLOSE);
    // A peer that stopped reading never takes the goodbye, queued behind everything else.
    channel.eventLoop().schedule(() -> channel.close(),
        transport.settings().goodbyeTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void resumeReading() {
    if (!readingStopped && undeliveredBytes.get() < RESUME_READING_BYTES) {
      channel.config().setAutoRead(true);
    }
  }

  private void stopCountingAsHandshaking() {
    if (countedAsHandshaking) {
      countedAsHandshaking = false;
      transport.handshakeFinished();
    }
  }

  private void onEventLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
    } catch (RejectedExecutionException e) {
      // The event loop is shutting down and closes every channel on its way out.
    }
  }

  private void toLogic(Runnable task) {
    ChannelRegistration r = registration;
    if (r == null) {
      channel.close(); // an inbound connection that never named a channel here: no logic to tell
      return;
    }
    try {
      r.executor().execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("{}: the channel's executor refused an event; closing", this);
      channel.close();
    }
  }

  // ---- Logic thread.

  private void sendOurHandshake() {
    ours = ourHandshake();
    if (ours != null) {
      Handshake handshake = ours;
      onEventLoop(() -> writeHandshake(handshake));
    }
  }

  private void handshakeArrived(Handshake theirs) {
    // Carries on even if the connection has closed meanwhile: the peer may have sent its
    // handshake and a goodbye at once, and the handshake still says what went wrong (versions);
    // the close queued behind this then ends the link as usual.
    if (stage != Stage.OPENING) {
      return;
    }
    ChannelRegistration r = registration;
    if (!transport.isRegistered(r)) {
      refuse(new PeerRefusedException(GoodbyeReason.WRONG_CHANNEL,
          "channel " + r.channel() + " was unregistered"), GoodbyeReason.WRONG_CHANNEL,
          "not in channel " + r.channel());
      return;
    }
    if (inbound) {
      ours = ourHandshake();
      if (ours == null) {
        return;
      }
      Handshake handshake = ours;
      onEventLoop(() -> writeHandshake(handshake));
    } else if (ours == null) {
      return; // our handshake() failed and the connection is closing
    }
    int version;
    try {
      version = ours.versions().negotiate(theirs.versions());
    } catch (IncompatibleVersionException e) {
      refuse(e, GoodbyeReason.INCOMPATIBLE_VERSION, e.getMessage());
      return;
    }
    // Only a dialled peer can differ here: an accepted one was routed by its channel.
    if (!theirs.channel().equals(ours.channel())) {
      refuse(new PeerRefusedException(GoodbyeReason.WRONG_CHANNEL,
          remote + " is not in channel " + ours.channel()), GoodbyeReason.WRONG_CHANNEL,
          "not in channel " + theirs.channel());
      return;
    }
    stage = Stage.CONNECTED;
    boolean accepted;
    try {
      accepted = r.events().onConnected(this, theirs, version);
    } catch (RuntimeException e) {
      log.warn("the swarm logic of channel {} failed on a new {}", r.channel(), this, e);
      accepted = false;
    }
    if (!accepted) {
      stage = Stage.REFUSED;
      close(GoodbyeReason.CLOSING, "refused"); // does nothing if the logic closed it already
      if (dialed != null) {
        dialed.completeExceptionally(new PeerRefusedException(closeReason,
            "refused by the swarm logic" + (closeDetail.isEmpty() ? "" : ": " + closeDetail)));
      }
      return;
    }
    if (dialed != null) {
      dialed.complete(this);
    }
  }

  private void messageArrived(PeerMessage message, long size) {
    try {
      if (stage != Stage.CONNECTED) {
        return;
      }
      if (message instanceof Ping ping) {
        // Answered here rather than on the event loop: in order after our handshake for free,
        // and the round trip includes this thread's queue, as a request's answer would.
        send(new Pong(ping.nonce()));
        return;
      }
      try {
        registration.events().onMessage(this, message);
      } catch (RuntimeException e) {
        logicFailed("onMessage", e);
      }
    } finally {
      long left = undeliveredBytes.addAndGet(-size);
      if (left < RESUME_READING_BYTES && left + size >= RESUME_READING_BYTES) {
        // The decision is the event loop's, against the count then: it is the one that pauses.
        onEventLoop(this::resumeReading);
      }
    }
  }

  private void protocolErrorArrived(ProtocolException e) {
    switch (stage) {
      case CONNECTED -> {
        try {
          registration.events().onProtocolError(this, e);
        } catch (RuntimeException x) {
          logicFailed("onProtocolError", x);
        }
      }
      case OPENING -> refuse(e, GoodbyeReason.PROTOCOL_ERROR, e.getMessage());
      default -> { } // refused or gone already: the logic never heard of this connection
    }
  }

  private void ended() {
    Stage was = stage;
    stage = Stage.ENDED;
    if (was == Stage.CONNECTED) {
      try {
        registration.events().onDisconnected(this);
      } catch (RuntimeException e) {
        log.warn("the swarm logic of channel {} failed on the end of {}",
            registration.channel(), this, e);
      }
    } else if (was == Stage.OPENING && dialed != null) {
      Throwable why = failure;
      dialed.completeExceptionally(why != null ? why
          : new EOFException(remote + " closed the connection before its handshake"));
    }
  }

  private Handshake ourHandshake() {
    ChannelRegistration r = registration;
    Handshake handshake;
    try {
      handshake = r.events().handshake();
    } catch (RuntimeException e) {
      log.warn("the swarm logic of channel {} has no handshake for {}", r.channel(), this, e);
      failure = e;
      channel.close();
      return null;
    }
    if (!handshake.channel().equals(r.channel())) {
      failure = new IllegalStateException("handshake for channel " + handshake.channel()
          + " from the logic registered for " + r.channel());
      log.warn("{}: {}", this, failure.getMessage());
      channel.close();
      return null;
    }
    return handshake;
  }

  private void refuse(Throwable why, GoodbyeReason reason, String detail) {
    stage = Stage.REFUSED;
    if (failure == null) {
      failure = why;
    }
    close(reason, detail);
    if (dialed != null) {
      dialed.completeExceptionally(why);
    }
  }

  private void logicFailed(String call, RuntimeException e) {
    // A bug on the other side of the seam; its state for this peer is now anyone's guess.
    log.warn("the swarm logic of channel {} failed in {} for {}", registration.channel(), call,
        this, e);
    close(GoodbyeReason.OTHER, "internal error");
  }
}
