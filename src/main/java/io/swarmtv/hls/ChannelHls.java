package io.swarmtv.hls;

import io.swarmtv.channel.Chunk;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.VideoFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One joined channel as the gateway serves it: chunks in arrival order go in ({@link #accept}),
 * the live window, the continuous stream and the waiting requests come out. Chunks come on the
 * swarm's thread, requests on the web server's; {@link #tick} runs on a timer.
 */
public final class ChannelHls {
  private final String id;
  private final Supplier<String> name;
  private final HlsSettings settings;
  private final MicrosClock clock;
  private final SegmentStore store;
  private final ChunkReorder reorder;
  private final SegmentAssembler assembler;
  private final StreamDescriber describer = new StreamDescriber();
  private final CmafRemux cmaf = new CmafRemux();
  private final TsStreamFanout fanout;
  private final WindowWaiters waiters = new WindowWaiters();
  private volatile StreamDescription description = StreamDescription.UNKNOWN;
  private volatile VideoFormat videoFormat;
  private volatile List<StreamType> audioTypes = List.of();

  /**
   * @param id the channel id as written in its link: the name in every URL
   * @param name what to call the channel now (its signed metadata may arrive later)
   */
  public ChannelHls(String id, Supplier<String> name, HlsSettings settings, MicrosClock clock) {
    this.id = Objects.requireNonNull(id);
    this.name = Objects.requireNonNull(name);
    this.settings = settings;
    this.clock = clock;
    this.store = new SegmentStore(settings, Long.toString(clock.nowMicros() / 1000, 36), cmaf::cut, waiters::published);
    this.fanout = new TsStreamFanout(settings.streamQueueBytes(), settings.maxWindowBytes() / 4);
    this.assembler = new SegmentAssembler(store, new ProgramTables(), describer, fanout, cmaf);
    this.reorder = new ChunkReorder(assembler, settings.reorderWaitMicros(), settings.maxHeldChunks());
  }

  /** Takes a verified chunk as the swarm delivers it (any order). */
  public synchronized void accept(Chunk chunk) {
    reorder.accept(chunk, clock.nowMicros());
    description = describer.description();
    videoFormat = describer.videoFormat();
    audioTypes = describer.audioTypes();
  }

  /** Declares overdue chunks lost and times out overdue requests; call every few tens of ms. */
  public void tick() {
    long now = clock.nowMicros();
    synchronized (this) {
      reorder.tick(now);
    }
    waiters.expire(now);
  }

  public String id() {
    return id;
  }

  /** What to call the channel. */
  public String name() {
    return name.get();
  }

  public HlsSettings settings() {
    return settings;
  }

  /** The live window now. */
  public LiveWindow window() {
    return store.window();
  }

  /** The video's format as far as it is known (null before the first keyframe), for DLNA profiles. */
  public VideoFormat videoFormat() {
    return videoFormat;
  }

  /** The program's audio stream types, for DLNA profiles. */
  public List<StreamType> audioTypes() {
    return audioTypes;
  }

  /** The streams as far as they are known. */
  public StreamDescription description() {
    return description;
  }

  /**
   * Answers {@code answer} once the window satisfies {@code ready}, or {@code timedOut} after
   * {@code timeoutMicros} on the channel's clock.
   *
   * @return false when too many requests wait already
   */
  public boolean await(Predicate<LiveWindow> ready, long timeoutMicros, Consumer<LiveWindow> answer, Runnable timedOut) {
    return waiters.await(store::window, ready, clock.nowMicros() + timeoutMicros, answer, timedOut);
  }

  /** The fMP4 init segment {@code version}, or null. */
  public byte[] cmafInit(int version) {
    return cmaf.init(version);
  }

  /** RFC 6381 codecs of the fMP4 variant, or null while it has nothing to serve. */
  public String cmafCodecs() {
    return cmaf.codecs();
  }

  /** A new client of the continuous MPEG-TS stream. */
  public TsStreamSubscriber subscribe(StreamWriter writer) {
    return fanout.subscribe(writer);
  }

  /** Continuous-stream clients now. */
  public int streamClients() {
    return fanout.clients();
  }

  /** Chunks lost for good so far. */
  public synchronized long lostChunks() {
    return assembler.lostChunks();
  }

  /** Ends every continuous stream (the channel is being left). */
  public void close() {
    fanout.closeAll();
  }
}
