package io.swarmtv.swarm;

import io.swarmtv.swarm.wire.BufferMap;
import io.swarmtv.swarm.wire.BufferMapDelta;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.MessageType;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.ProtocolException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/** What one node knows about one neighbour, and what the two have agreed to do for each other. */
final class RemotePeer {
  final PeerLink link;
  final Handshake hello;
  final long connectedMicros;
  final PeerHoldings holdings = new PeerHoldings();
  /** Per sub-stream: whether this neighbour pushes it to us. */
  final boolean[] parentOf;
  /** Per sub-stream: the first sequence we asked it to push; anything older pushed is a replay. */
  final long[] subscribedFrom;
  /** Per sub-stream: when this neighbour last pushed us a chunk of it (or became our parent). */
  final long[] lastPushMicros;
  /** Per sub-stream: when it stopped being our parent; chunks still in flight are welcome a while. */
  final long[] parentEndedMicros;
  /** Per sub-stream: until when not to ask it again (it refused, or lagged). */
  final long[] avoidUntilMicros;
  /** Per sub-stream: the first sequence we push it, or -1 when it is not our child for it. */
  final long[] childFrom;
  /**
   * Sequences we asked it for, with when; negated once answered or refused. Kept a while after:
   * a chunk asked twice of it (after a timeout) may come twice, and is not unasked the second time.
   */
  final Map<Long, Long> requested = new HashMap<>();
  final UploadBudget budget;
  final ByteCounts bytes = new ByteCounts();
  final PeerSource source;
  private final ByteRate downRate = new ByteRate();
  private final ByteRate upRate = new ByteRate();
  /** New chunks it gave us in time to play, and too late. */
  long chunksOnTime;
  long chunksLate;
  /** Listen addresses we told it of by peer exchange and have not since said are gone. */
  final Set<InetSocketAddress> toldAddresses = new HashSet<>();
  long chunksUp;
  long chunksDown;
  /** Sequences stored since we last told it what we hold; -1 when there is nothing to tell. */
  long announceFrom = -1;
  long announceTo = -1;
  long lastAnnounceMicros;
  /** Base of the last buffer map sent on this connection, and received: deltas count from them. */
  private long mapBaseOut = -1;
  private long mapBaseIn = -1;
  /** When it last asked us for chunks. */
  long lastPulledMicros = Long.MIN_VALUE / 2;
  /** Random rank among neighbours: the lowest ones hear our news first (see {@link AnnounceSchedule}). */
  final int lottery;
  long rttMicros = -1;
  long lastPingMicros;
  /** Messages received in the current one-second bucket, to catch floods. */
  int messagesThisSecond;
  long secondStartMicros;

  RemotePeer(PeerLink link, Handshake hello, PeerSource source, int subStreams, long uploadLimit, long nowMicros,
      int lottery) {
    this.lottery = lottery;
    this.source = source;
    this.budget = new UploadBudget(uploadLimit);
    this.link = link;
    this.hello = hello;
    this.connectedMicros = nowMicros;
    this.parentOf = new boolean[subStreams];
    this.subscribedFrom = new long[subStreams];
    this.lastPushMicros = new long[subStreams];
    this.parentEndedMicros = new long[subStreams];
    Arrays.fill(parentEndedMicros, Long.MIN_VALUE / 2);
    this.avoidUntilMicros = new long[subStreams];
    this.childFrom = new long[subStreams];
    Arrays.fill(childFrom, -1);
  }

  boolean pushes() {
    return hello.has(Capabilities.PUSH_SUBSTREAMS);
  }

  /** Where it accepts connections, or null if it cannot be reached. */
  InetSocketAddress listenAddress() {
    return hello.listenPort() == Handshake.NOT_REACHABLE
        ? null
        : new InetSocketAddress(link.remoteAddress().getAddress(), hello.listenPort());
  }

  int children() {
    int n = 0;
    for (long from : childFrom) {
      if (from >= 0) n++;
    }
    return n;
  }

  int parentRoles() {
    int n = 0;
    for (boolean p : parentOf) {
      if (p) n++;
    }
    return n;
  }

  /** It is no longer our parent for {@code sub}; it is not asked again before {@code avoidUntil}. */
  void dropParent(int sub, long nowMicros, long avoidUntil) {
    parentOf[sub] = false;
    parentEndedMicros[sub] = nowMicros;
    avoidUntilMicros[sub] = avoidUntil;
  }

  /** Counts a message received at {@code nowMicros}; returns how many came in this second so far. */
  int countMessage(long nowMicros) {
    if (nowMicros - secondStartMicros >= 1_000_000) {
      secondStartMicros = nowMicros;
      messagesThisSecond = 0;
    }
    return ++messagesThisSecond;
  }

  /** {@code map} as it goes on this connection: a delta when it reads those and one fits, else whole. */
  PeerMessage encodeMap(BufferMap map) {
    BufferMapDelta delta = hello.has(Capabilities.COMPACT_MAPS) ? BufferMapDelta.of(map, mapBaseOut) : null;
    mapBaseOut = map.baseSequence();
    return delta != null ? delta : map;
  }

  /** Takes in a buffer map it sent, whole or as a delta from the one before. */
  void receivedMap(PeerMessage message) throws ProtocolException {
    BufferMap map;
    if (message instanceof BufferMapDelta d) {
      if (mapBaseIn < 0) {
        throw new ProtocolException("buffer map delta before any buffer map");
      }
      try {
        map = d.resolve(mapBaseIn);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("buffer map delta: " + e.getMessage(), e);
      }
    } else {
      map = (BufferMap) message;
    }
    mapBaseIn = map.baseSequence();
    holdings.apply(map);
  }

  /** The buffer map of what we stored since we last told it, as far as {@code held} says; resets. */
  BufferMap takeAnnouncement(LongPredicate held, long nowMicros) {
    long from = Math.max(announceFrom, announceTo - BufferMap.MAX_SPAN + 1);
    BufferMap map = BufferMap.of(from, (int) (announceTo - from + 1), held);
    announceFrom = -1;
    announceTo = -1;
    lastAnnounceMicros = nowMicros;
    return map;
  }

  /** A frame of {@code type} went to it, {@code payloadBytes} of its {@code frameBytes} chunk payload. */
  void sent(MessageType type, int payloadBytes, int frameBytes, long nowMicros) {
    bytes.sent(type, payloadBytes, frameBytes);
    upRate.add(frameBytes, nowMicros);
  }

  /** A frame came from it, {@code payloadBytes} of its {@code frameBytes} chunk payload. */
  void received(int payloadBytes, int frameBytes, long nowMicros) {
    bytes.received(payloadBytes, frameBytes);
    downRate.add(frameBytes, nowMicros);
  }

  NeighbourStats stats(long nowMicros) {
    List<Integer> parent = new ArrayList<>();
    List<Integer> child = new ArrayList<>();
    for (int s = 0; s < parentOf.length; s++) {
      if (parentOf[s]) parent.add(s);
      if (childFrom[s] >= 0) child.add(s);
    }
    return new NeighbourStats(link.remoteAddress(), listenAddress(), source, connectedMicros, parent, child,
        rttMicros, downRate.perSecond(nowMicros), upRate.perSecond(nowMicros), chunksOnTime, chunksLate, chunksDown,
        chunksUp, bytes.payloadDown, bytes.payloadUp, bytes.controlDown, bytes.controlUp);
  }

  /** Requests sent less than {@code timeout} ago and not yet answered. */
  int inFlight(long nowMicros, long timeoutMicros) {
    int n = 0;
    for (long sent : requested.values()) {
      if (sent > 0 && nowMicros - sent < timeoutMicros) n++;
    }
    return n;
  }

  /** Whether we asked it for {@code seq} less than {@code timeout} ago and it has not answered. */
  boolean awaiting(long seq, long nowMicros, long timeoutMicros) {
    Long sent = requested.get(seq);
    return sent != null && sent > 0 && nowMicros - sent < timeoutMicros;
  }

  /** It answered (or refused) our request for {@code seq}. */
  void answered(long seq) {
    requested.computeIfPresent(seq, (k, sent) -> -Math.abs(sent));
  }

  /** Forgets requests older than {@code graceMicros}, answered or not. */
  void forgetRequests(long nowMicros, long graceMicros) {
    requested.values().removeIf(sent -> nowMicros - Math.abs(sent) > graceMicros);
  }
}
