package io.swarmtv.swarm;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkVerifier;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.wire.BufferMap;
import io.swarmtv.swarm.wire.BufferMapDelta;
import io.swarmtv.swarm.wire.Cancel;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.GoodbyeReason;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.Have;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.MetadataMessage;
import io.swarmtv.swarm.wire.PeerExchange;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.Ping;
import io.swarmtv.swarm.wire.Pong;
import io.swarmtv.swarm.wire.ProtocolException;
import io.swarmtv.swarm.wire.Request;
import io.swarmtv.swarm.wire.SubStream;
import io.swarmtv.swarm.wire.Subscribe;
import io.swarmtv.swarm.wire.Unsubscribe;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's part in one channel's swarm: the protocol logic, free of sockets and threads.
 *
 * <p>Push for latency, pull for repair. Each node takes the K sub-streams (sequence mod K) from
 * parents that push fresh chunks at once; a chunk that is known to exist but has not come by push
 * within {@link SwarmSettings#repairAfterMicros()} is requested from a neighbour that holds it,
 * lowest sequence (earliest deadline) first. Parents that stall are replaced. The source pushes
 * and serves each chunk at most {@link SwarmSettings#sourceCopies()} times.
 *
 * <p>Every chunk is verified before it is stored, relayed or output; a neighbour that cheats is
 * banned, and nothing it sent goes further.
 *
 * <p>Driven by {@link PeerEvents} calls and {@link #tick()}, all on one thread, with time from an
 * injected clock: the network runtime and the simulator run this same class.
 */
public final class SwarmNode implements PeerEvents {
  private static final Logger log = LoggerFactory.getLogger(SwarmNode.class);
  /** A neighbour this far behind on reading gets no pushes until it catches up. */
  static final long MAX_QUEUED_BYTES = 512 * 1024;
  static final long PING_EVERY_MICROS = 5_000_000;
  static final long PEX_EVERY_MICROS = 5_000_000;
  /** Messages a second beyond which a neighbour floods: an honest one sends a few hundred. */
  static final int MAX_MESSAGES_PER_SECOND = 5_000;
  /** How long in-flight chunks from a former parent, or late answers, are still welcome. */
  static final long GRACE_MICROS = 10_000_000;

  private final ChannelId channel;
  private final boolean source;
  private final SwarmSettings settings;
  private final MicrosClock clock;
  private final PeerId peerId = PeerId.random();
  private final int listenPort;
  private final ChunkVerifier verifier;
  private final Consumer<Chunk> output;
  private final Dialer dialer;
  private final Random random;
  private final ChunkWindow window;
  private final BanList bans = new BanList();
  // Insertion order keeps a run deterministic for a seed (links compare by identity).
  private final Map<PeerLink, RemotePeer> peers = new LinkedHashMap<>();
  private final PeerCandidates candidates = new PeerCandidates();
  private final RepairPlanner repairs;
  private final ParentChoice parents;
  private final ContinuityMeter continuity;
  private final UploadSlots slots;
  private final StreamRate streamRate = new StreamRate();
  private final long[] pushFrom;
  private final DelayHistogram delays = new DelayHistogram();
  private final UploadBudget uploadBudget;

  /** First sequence this node fetches (the join backfill), or -1 before it joined. */
  private long fetchFrom = -1;
  private long lastPexMicros;
  private final MetadataStore metadata;
  private long chunksStored;
  private long duplicates;
  private final ByteCounts bytes = new ByteCounts();
  private long banCount;

  private SwarmNode(ChannelId channel, boolean source, SwarmSettings settings, MicrosClock clock, int listenPort,
      Consumer<Chunk> output, Dialer dialer, long seed) {
    this.channel = Objects.requireNonNull(channel);
    this.source = source;
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
    this.listenPort = listenPort;
    this.verifier = new ChunkVerifier(channel);
    this.output = Objects.requireNonNull(output);
    this.dialer = Objects.requireNonNull(dialer);
    this.random = new Random(seed);
    this.window = new ChunkWindow(settings.windowMicros(), settings.maxAhead());
    this.repairs = new RepairPlanner(settings);
    this.metadata = new MetadataStore(channel);
    this.slots = new UploadSlots(settings, source);
    this.parents = new ParentChoice(settings, random);
    this.continuity = new ContinuityMeter(settings.playoutDelayMicros());
    this.uploadBudget = new UploadBudget(settings.uploadLimit());
    this.pushFrom = new long[settings.subStreams()];
    java.util.Arrays.fill(pushFrom, Long.MAX_VALUE);
  }

  /** The broadcaster's node: it publishes chunks and uploads each a bounded number of times. */
  public static SwarmNode source(ChannelId channel, SwarmSettings settings, MicrosClock clock, int listenPort,
      Dialer dialer, long seed) {
    return new SwarmNode(channel, true, settings, clock, listenPort, c -> { }, dialer, seed);
  }

  /** A viewer's or relay's node: verified chunks go to {@code output} in arrival order. */
  public static SwarmNode peer(ChannelId channel, SwarmSettings settings, MicrosClock clock, int listenPort,
      Consumer<Chunk> output, Dialer dialer, long seed) {
    return new SwarmNode(channel, false, settings, clock, listenPort, output, dialer, seed);
  }

  public ChannelId channel() {
    return channel;
  }

  public PeerId peerId() {
    return peerId;
  }

  /** Whether so many peers on {@code address} are banned that it is refused whole; safe from any thread. */
  public boolean isBanned(java.net.InetAddress address) {
    return bans.isBanned(address, clock.nowMicros());
  }

  /** Adds an address to dial when the node wants more neighbours, with where it came from. */
  public void addCandidate(InetSocketAddress address, PeerSource source) {
    candidates.add(address, source);
  }

  /** Distinct peer addresses learned from each discovery source. */
  public Map<PeerSource, Integer> peerSources() {
    return candidates.learnedBySource();
  }

  @Override
  public Handshake handshake() {
    return new Handshake(VersionRange.SUPPORTED, channel, peerId, listenPort,
        Capabilities.PUSH_SUBSTREAMS | Capabilities.PEER_EXCHANGE | Capabilities.METADATA
            | Capabilities.COMPACT_MAPS);
  }

  // ---- the source ----

  /** Publishes a chunk the broadcaster signed: stores it and offers it to the swarm. */
  public void publish(Chunk chunk) {
    if (!source) {
      throw new IllegalStateException("only the source publishes");
    }
    if (window.add(chunk) == ChunkWindow.Result.STORED) {
      chunksStored++;
      streamRate.add(chunk.payload().length, clock.nowMicros());
      spread(chunk, null);
    }
  }

  /**
   * Takes the channel's signed metadata (name, bitrate, codecs): the source's own, or a newer
   * record from a neighbour. Kept if it verifies and is newer than the one held, then passed on to
   * every neighbour but {@code from}. Returns false for a record that does not verify.
   */
  private boolean offerMetadata(ChannelMetadata m, RemotePeer from) {
    MetadataStore.Offer offer = metadata.offer(m);
    if (offer != MetadataStore.Offer.NEWER) {
      return offer == MetadataStore.Offer.KNOWN; // known already: the flood stops here
    }
    MetadataMessage message = new MetadataMessage(m);
    for (RemotePeer p : peers.values()) {
      if (p != from && p.hello.has(Capabilities.METADATA)) send(p, message);
    }
    return true;
  }

  /** Publishes the broadcaster's signed metadata to the swarm (source only). */
  public void publish(ChannelMetadata m) {
    if (!source) {
      throw new IllegalStateException("only the source publishes");
    }
    if (!offerMetadata(m, null)) {
      throw new IllegalArgumentException("metadata not signed by the key of channel " + channel);
    }
  }

  /** The channel's newest signed metadata this node holds, or null. */
  public ChannelMetadata metadata() {
    return metadata.current();
  }

  // ---- connections ----

  @Override
  public boolean onConnected(PeerLink link, Handshake theirs, int version) {
    long now = clock.nowMicros();
    if (!theirs.channel().equals(channel)) {
      link.close(GoodbyeReason.WRONG_CHANNEL, "this node is in channel " + channel);
      return false;
    }
    if (bans.isBanned(BanList.nameOf(link, theirs), now) || bans.isBanned(link.remoteAddress().getAddress(), now)) {
      link.close(GoodbyeReason.BANNED, "banned");
      return false;
    }
    if (theirs.peerId().equals(peerId)) {
      link.close(GoodbyeReason.DUPLICATE_CONNECTION, "connected to itself");
      return false;
    }
    for (RemotePeer p : List.copyOf(peers.values())) {
      if (p.hello.peerId().equals(theirs.peerId())) {
        if (!SimultaneousOpen.keepNew(peerId, p.link, link, theirs)) {
          link.close(GoodbyeReason.DUPLICATE_CONNECTION, "already connected");
          return false;
        }
        p.link.close(GoodbyeReason.DUPLICATE_CONNECTION, "both dialled: keeping the link the smaller peer id dialled");
        onDisconnected(p.link);
      }
    }
    if (peers.size() >= settings.maxPeers()) {
      link.close(GoodbyeReason.TOO_MANY_PEERS, "has " + peers.size() + " peers");
      return false;
    }
    RemotePeer peer = new RemotePeer(link, theirs, candidates.sourceOf(link.remoteAddress()), settings.subStreams(),
        settings.peerUploadLimit(), now, random.nextInt());
    peers.put(link, peer);
    InetSocketAddress listen = peer.listenAddress();
    if (listen != null) {
      candidates.add(listen, PeerSource.INCOMING);
    }
    send(peer, peer.encodeMap(window.bufferMap(BufferMap.MAX_SPAN)));
    if (metadata.current() != null && theirs.has(Capabilities.METADATA)) {
      send(peer, new MetadataMessage(metadata.current()));
    }
    log.debug("{}: connected to {} ({} peers)", this, link.remoteAddress(), peers.size());
    return true;
  }

  @Override
  public void onDisconnected(PeerLink link) {
    RemotePeer peer = peers.remove(link);
    if (peer != null) {
      log.debug("{}: {} left ({} peers)", this, link.remoteAddress(), peers.size());
    }
  }

  @Override
  public void onProtocolError(PeerLink link, ProtocolException error) {
    ban(link, "protocol error: " + error.getMessage());
  }

  private void ban(PeerLink link, String why) {
    long now = clock.nowMicros();
    RemotePeer peer = peers.get(link);
    bans.ban(BanList.nameOf(link, peer == null ? null : peer.hello), now + settings.banMicros());
    banCount++;
    log.info("{}: banned {}: {}", this, link.remoteAddress(), why);
    link.close(GoodbyeReason.BANNED, why);
    onDisconnected(link);
  }

  // ---- messages ----

  @Override
  public void onMessage(PeerLink link, PeerMessage message) {
    RemotePeer peer = peers.get(link);
    if (peer == null) {
      return; // closed or banned: nothing it says counts any more
    }
    if (peer.countMessage(clock.nowMicros()) > MAX_MESSAGES_PER_SECOND) {
      ban(link, "flooding: over " + MAX_MESSAGES_PER_SECOND + " messages a second");
      return;
    }
    if (message instanceof ChunkMessage m) {
      onChunk(peer, m.chunk());
      return;
    }
    int frame = MessageCodec.frameLength(message);
    peer.received(0, frame, clock.nowMicros());
    bytes.received(0, frame);
    if (message instanceof Have h) {
      peer.holdings.set(h.sequence());
    } else if (message instanceof BufferMap || message instanceof BufferMapDelta) {
      try {
        peer.receivedMap(message);
      } catch (ProtocolException e) {
        ban(link, "protocol error: " + e.getMessage());
      }
    } else if (message instanceof Request r) {
      peer.lastPulledMicros = clock.nowMicros();
      List<Long> refused = new ArrayList<>();
      for (long seq : r.sequences()) {
        if (!serve(peer, seq)) refused.add(seq);
      }
      if (!refused.isEmpty()) {
        send(peer, new Cancel(refused));
      }
    } else if (message instanceof Cancel c) {
      for (long seq : c.sequences()) {
        peer.answered(seq); // refused: remembered, so someone else is asked first
      }
    } else if (message instanceof Subscribe s) {
      onSubscribe(peer, s);
    } else if (message instanceof Unsubscribe u) {
      onUnsubscribe(peer, u.subStream());
    } else if (message instanceof PeerExchange x) {
      for (InetSocketAddress a : x.added()) {
        addCandidate(a, PeerSource.PEX);
      }
    } else if (message instanceof Ping p) {
      send(peer, new Pong(p.nonce()));
    } else if (message instanceof Pong p) {
      peer.rttMicros = clock.nowMicros() - p.nonce();
    } else if (message instanceof MetadataMessage m && !offerMetadata(m.metadata(), peer)) {
      ban(link, "sent channel metadata with a bad signature");
    }
    // Goodbye: the disconnect follows.
  }

  private void onChunk(RemotePeer peer, Chunk chunk) {
    long now = clock.nowMicros();
    long seq = chunk.sequence();
    int sub = subStream(seq);
    // Kept, not removed: a chunk asked twice of the same peer (after a timeout) comes twice.
    boolean asked = peer.requested.containsKey(seq);
    peer.answered(seq);
    boolean pushed = (peer.parentOf[sub] || now - peer.parentEndedMicros[sub] < GRACE_MICROS)
        && seq >= peer.subscribedFrom[sub];
    if (!pushed && !asked) {
      ban(peer.link, seq < peer.subscribedFrom[sub] ? "replayed old chunk " + seq : "sent chunk " + seq + " unasked");
      return;
    }
    Chunk held = window.get(seq);
    if (held != null ? !held.equals(chunk) : !verifier.verify(chunk)) {
      // A copy of a chunk already held and verified needs no second check; any other bytes under
      // a held sequence are a forgery.
      ban(peer.link, "sent chunk " + seq + " with a bad signature");
      return;
    }
    int frame = MessageCodec.frameLength(new ChunkMessage(chunk));
    peer.chunksDown++;
    peer.received(chunk.payload().length, frame, now);
    bytes.received(chunk.payload().length, frame);
    if (peer.parentOf[sub]) {
      peer.lastPushMicros[sub] = now;
    }
    peer.holdings.set(seq);
    if (source) {
      return; // the source makes its own chunks
    }
    ChunkWindow.Result r = window.add(chunk);
    if (r == ChunkWindow.Result.TOO_FAR_AHEAD) {
      // This node fell so far behind that the gap will never be repaired in time: skip ahead, as
      // a player does, rather than stay stuck. The chunk is genuine (verified), so this is safe.
      log.info("{}: fell behind by over {} chunks; skipping ahead to {}", this, settings.maxAhead(), seq);
      window.clear();
      openWindow(seq);
      r = window.add(chunk);
    }
    if (r == ChunkWindow.Result.DUPLICATE) {
      duplicates++;
      return;
    }
    if (r != ChunkWindow.Result.STORED) {
      return;
    }
    chunksStored++;
    streamRate.add(chunk.payload().length, now);
    repairs.arrived(seq);
    if (!continuity.started()) {
      join(seq - 1);
    }
    long delay = now - chunk.timestampMicros();
    if (continuity.counts(seq)) { // the join backfill is old by design: it counts for neither
      delays.record(delay);
      continuity.arrived(delay);
      if (delay <= settings.playoutDelayMicros()) peer.chunksOnTime++;
      else peer.chunksLate++;
    }
    output.accept(chunk);
    spread(chunk, peer);
  }

  /** Pushes a newly stored chunk to its sub-stream's children and announces it to the rest. */
  private void spread(Chunk chunk, RemotePeer from) {
    long seq = chunk.sequence();
    int sub = subStream(seq);
    List<RemotePeer> children = new ArrayList<>();
    List<RemotePeer> others = new ArrayList<>();
    for (RemotePeer p : peers.values()) {
      if (p == from) continue;
      if (p.childFrom[sub] >= 0 && seq >= p.childFrom[sub]) children.add(p);
      else others.add(p);
    }
    for (RemotePeer child : children) {
      if (!slots.mayUpload(seq) || !canSend(child, chunk)) {
        others.add(child); // it will pull the chunk, from us or someone else
        continue;
      }
      sendChunk(child, chunk);
    }
    for (RemotePeer p : others) {
      if (!p.holdings.has(seq)) { // a neighbour that told us it has the chunk needs no word of ours
        p.announceFrom = p.announceFrom < 0 ? seq : Math.min(p.announceFrom, seq);
        p.announceTo = Math.max(p.announceTo, seq);
      }
    }
  }

  /** Sends the chunk asked for; false when this node will not (not held, or no upload left). */
  private boolean serve(RemotePeer peer, long seq) {
    Chunk chunk = window.get(seq);
    if (chunk == null || !slots.mayUpload(seq) || !canSend(peer, chunk)) {
      return false;
    }
    sendChunk(peer, chunk);
    return true;
  }

  /**
   * Whether {@code chunk} may go to {@code peer} now: it is reading what we send, and neither its
   * upload limit nor ours is spent. Takes the bytes from both budgets when it may.
   */
  private boolean canSend(RemotePeer peer, Chunk chunk) {
    if (peer.link.queuedBytes() > MAX_QUEUED_BYTES) {
      return false;
    }
    long now = clock.nowMicros();
    int bytes = chunk.payload().length;
    if (!peer.budget.tryTake(bytes, now)) {
      return false;
    }
    return uploadBudget.tryTake(bytes, now);
  }

  private void sendChunk(RemotePeer peer, Chunk chunk) {
    ChunkMessage m = new ChunkMessage(chunk);
    int frame = MessageCodec.frameLength(m);
    peer.link.send(m);
    peer.chunksUp++;
    peer.sent(m.type(), chunk.payload().length, frame, clock.nowMicros());
    bytes.sent(m.type(), chunk.payload().length, frame);
    slots.uploaded(chunk.sequence());
  }

  private void send(RemotePeer peer, PeerMessage m) {
    int frame = MessageCodec.frameLength(m);
    peer.sent(m.type(), 0, frame, clock.nowMicros());
    bytes.sent(m.type(), 0, frame);
    peer.link.send(m);
  }

  private void onSubscribe(RemotePeer peer, Subscribe s) {
    int sub = s.subStream().index();
    if (s.subStream().count() != settings.subStreams()) {
      send(peer, new Unsubscribe(s.subStream())); // a different K: we cannot serve that split
      return;
    }
    boolean fits = slots.acceptsChild(peers.values(), sub, streamRate.bytesPerSecond());
    if (peer.childFrom[sub] < 0 && !fits && !makeRoomFor(peer, sub)) {
      send(peer, new Unsubscribe(s.subStream()));
      return;
    }
    peer.childFrom[sub] = s.fromSequence();
    // What we hold of the sub-stream from there on goes at once; the rest as it comes.
    long from = Math.max(s.fromSequence(), window.oldest());
    for (long seq = from + Math.floorMod(sub - from, settings.subStreams()); seq <= window.newest();
        seq += settings.subStreams()) {
      Chunk c = window.get(seq);
      if (c != null && slots.mayUpload(seq)) sendChunk(peer, c);
    }
  }

  /** Frees a slot for {@code newcomer} by displacing a child that cannot relay, if there is one. */
  private boolean makeRoomFor(RemotePeer newcomer, int sub) {
    UploadSlots.Displaced d = slots.displaceFor(peers.values(), newcomer, sub);
    if (d != null) send(d.child(), new Unsubscribe(d.dropped()));
    return d != null;
  }

  private void onUnsubscribe(RemotePeer peer, SubStream s) {
    int sub = s.index();
    if (sub >= settings.subStreams()) {
      return;
    }
    peer.childFrom[sub] = -1; // the child no longer wants it
    if (peer.parentOf[sub]) { // or the parent will not (or no longer) push it
      peer.dropParent(sub, clock.nowMicros(), clock.nowMicros() + settings.parentStallMicros() * 5);
    }
  }

  // ---- timers ----

  /** Runs the timers: parent choice and replacement, pull repair, pings, peer exchange, dialling. */
  public void tick() {
    long now = clock.nowMicros();
    if (!source) {
      chooseParents(now);
      repair(now);
      continuity.account(window, now);
    }
    for (RemotePeer p : AnnounceSchedule.due(peers.values(), now)) {
      send(p, p.encodeMap(p.takeAnnouncement(window::has, now)));
    }
    for (RemotePeer p : peers.values()) {
      if (now - p.lastPingMicros >= PING_EVERY_MICROS) {
        p.lastPingMicros = now;
        send(p, new Ping(now));
      }
      p.forgetRequests(now, GRACE_MICROS);
    }
    if (now - lastPexMicros >= PEX_EVERY_MICROS) {
      lastPexMicros = now;
      PeerCandidates.exchange(peers.values()).forEach(this::send);
    }
    candidates.dialMore(peers.values(), settings.targetPeers() - peers.size(), bans, dialer, now);
    bans.expire(now);
  }

  private long newestKnown() {
    long n = window.newest();
    for (RemotePeer p : peers.values()) {
      n = Math.max(n, p.holdings.newest());
    }
    return n;
  }

  private void chooseParents(long now) {
    long known = newestKnown();
    if (known < 0) {
      return;
    }
    if (!continuity.started()) {
      join(known);
    }
    for (int sub = 0; sub < settings.subStreams(); sub++) {
      RemotePeer parent = null;
      for (RemotePeer p : peers.values()) {
        if (p.parentOf[sub]) parent = p;
      }
      if (parent != null && parents.stalled(parent, sub, now, known, window.newest())) {
        send(parent, new Unsubscribe(new SubStream(sub, settings.subStreams())));
        parent.dropParent(sub, now, now + settings.parentStallMicros() * 10);
        parent = null;
      }
      if (parent == null) {
        RemotePeer best = parents.pick(peers.values(), sub, now);
        if (best != null) {
          long from = Math.max(window.newest(), known) + 1;
          pushFrom[sub] = Math.min(pushFrom[sub], from);
          best.parentOf[sub] = true;
          // Pushes from an earlier subscription to the same parent may still be on their way.
          best.subscribedFrom[sub] = now - best.parentEndedMicros[sub] < GRACE_MICROS
              ? Math.min(best.subscribedFrom[sub], from) : from;
          best.lastPushMicros[sub] = now;
          send(best, new Subscribe(new SubStream(sub, settings.subStreams()), from));
        }
      }
    }
  }

  /** Joins at {@code newest}: counts from the next chunk on, and fetches a backfill before it. */
  private void join(long newest) {
    continuity.start(newest);
    openWindow(newest);
  }

  /** Opens the empty window a backfill before {@code newest}, fetching from there on. */
  private void openWindow(long newest) {
    fetchFrom = Math.max(0, newest - settings.joinBackfill());
    window.startAt(fetchFrom);
  }

  private void repair(long now) {
    if (fetchFrom < 0) {
      return;
    }
    long known = newestKnown();
    long from = Math.max(fetchFrom, Math.max(window.oldest(), known - settings.maxAhead()));
    repairs.plan(peers.values(), window, from, known, pushFrom, now).forEach((holder, seqs) -> {
      for (int i = 0; i < seqs.size(); i += Request.MAX_SEQUENCES) {
        send(holder, new Request(seqs.subList(i, Math.min(seqs.size(), i + Request.MAX_SEQUENCES))));
      }
    });
  }

  private int subStream(long seq) {
    return (int) (seq % settings.subStreams());
  }

  // ---- figures ----

  public SwarmStats stats() {
    return new SwarmStats(peers.size(), chunksStored, continuity.onTime(), continuity.late(), continuity.expected(),
        duplicates, bytes.payloadDown, bytes.payloadUp, bytes.controlDown, bytes.controlUp, delays.percentile(0.5), delays.percentile(0.99),
        delays.max(), banCount, bytes.controlUpByType());
  }

  /** Each neighbour's figures, in the order they connected. */
  public List<NeighbourStats> neighbours() {
    long now = clock.nowMicros();
    return peers.values().stream().map(p -> p.stats(now)).toList();
  }

  /** Neighbours connected now, counted by how we came to be connected to them. */
  public Map<PeerSource, Integer> neighbourSources() {
    Map<PeerSource, Integer> out = new EnumMap<>(PeerSource.class);
    for (PeerSource s : PeerSource.values()) out.put(s, 0);
    for (RemotePeer p : peers.values()) out.merge(p.source, 1, Integer::sum);
    return out;
  }

  /** The newest sequence held, or -1. */
  public long newest() {
    return window.newest();
  }

  /** The chunk with {@code seq} if held. */
  public Chunk chunk(long seq) {
    return window.get(seq);
  }

  /** The first sequence this node plays from, or -1 before it joined. */
  public long playFrom() {
    return continuity.playFrom();
  }

  /** Where this node stands, for logs and failure messages: window, parents, candidates. */
  public String describeState() {
    return "window " + window.oldest() + ".." + window.newest() + ", known " + newestKnown() + ", fetch from "
        + fetchFrom + ", play from " + continuity.playFrom() + ", " + peers.size() + " peers (parents "
        + peers.values().stream().filter(p -> p.parentRoles() > 0).map(p -> p.link.remoteAddress() + "x"
            + p.parentRoles()).toList() + "), " + banCount + " bans, missing " + repairs.missing(10) + ", "
        + candidates.size() + " candidates";
  }

  @Override
  public String toString() {
    return (source ? "source " : "peer ") + peerId.toString().substring(0, 8);
  }
}
