package io.swarmtv.hls;

import io.swarmtv.ts.Timestamps;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live window of one channel: segments and parts as they complete, the oldest dropped once the
 * window holds more than its duration or bytes. Each change publishes a new immutable
 * {@link LiveWindow}. Not thread-safe for writing; {@link #window} may be read from any thread.
 */
public final class SegmentStore {
  /** A decode-time step this long between part starts is a jump, not a part. */
  private static final long MAX_PART_TICKS = 10 * Timestamps.HZ;

  private final HlsSettings settings;
  private final Consumer<LiveWindow> published;
  private final String run;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private long windowMicros;
  private long windowBytes;
  private long ended;
  private long nextMsn;
  private long discontinuities;
  private long targetSeconds;
  private long partTargetMillis;

  private long nextDate = -1;

  private boolean open;
  private boolean openDiscontinuity;
  private long openDate;
  private final List<Part> openParts = new ArrayList<>();
  private long openMicros;
  private ByteArrayOutputStream part = new ByteArrayOutputStream();
  private long partMicros;
  private boolean partIndependent;
  private long partStartDts = -1;

  private volatile LiveWindow window;

  private final Supplier<CmafPart> cmafCutter;

  /**
   * @param cmafCutter called as each part ends: the part's fMP4 fragment, or null
   */
  public SegmentStore(HlsSettings settings, String run, Supplier<CmafPart> cmafCutter, Consumer<LiveWindow> published) {
    this.settings = settings;
    this.cmafCutter = cmafCutter;
    this.run = run;
    this.published = published;
    this.partTargetMillis = Math.round(settings.partTargetMicros() / 1000.0);
    this.window = LiveWindow.empty(run, partTargetMillis);
  }

  /** The window as last published. */
  public LiveWindow window() {
    return window;
  }

  /** Whether a segment is being written. */
  public boolean isOpen() {
    return open;
  }

  /**
   * Starts a segment (ending any open one) whose first part begins with {@code prefix}.
   *
   * <p>Its program date follows on from the last segment's by media time, so dates and durations
   * agree; only the first segment and one after a discontinuity take the source's clock, and
   * never a date before the last segment's end.
   *
   * @param discontinuity an EXT-X-DISCONTINUITY goes before it
   * @param dateMicros the source's wall clock at its start
   * @param startDts the 90 kHz decode time of its first frame, or -1 when unknown
   */
  public void openSegment(boolean discontinuity, long dateMicros, byte[] prefix, long startDts) {
    closeSegmentAt(discontinuity ? -1 : startDts);
    open = true;
    openDiscontinuity = discontinuity;
    openDate = nextDate < 0 ? dateMicros : discontinuity ? Math.max(dateMicros, nextDate) : nextDate;
    startPart(true, startDts);
    part.writeBytes(prefix);
  }

  /**
   * Ends the open part (if it has media) and starts another whose first frame decodes at
   * {@code startDts} (-1: unknown).
   */
  public void startPart(boolean independent, long startDts) {
    finishPart(startDts);
    partIndependent = independent;
    partStartDts = startDts;
  }

  /** Appends media to the open part. */
  public void append(byte[] ts, long durationMicros) {
    if (!open) {
      throw new IllegalStateException("no segment is open");
    }
    part.writeBytes(ts);
    partMicros += durationMicros;
  }

  /**
   * A part's duration is the decode-time step from its first frame to the next part's: chunk
   * durations may shift a frame's time across a part boundary (a chunk cut by the timer carries
   * the rest of a frame), which would push a part past PART-TARGET. Without both times (the
   * last part before a loss or a restart) the chunks' durations are summed instead.
   */
  private boolean finishPart(long endDts) {
    if (!open || partMicros == 0 && part.size() == 0) {
      return false;
    }
    byte[] bytes = part.toByteArray();
    part = new ByteArrayOutputStream();
    long micros = partMicros;
    if (partStartDts >= 0 && endDts >= 0) {
      long step = Timestamps.delta(partStartDts, endDts);
      if (step > 0 && step < MAX_PART_TICKS) {
        micros = Timestamps.toMicros(step);
      }
    }
    Part p = new Part(bytes, 0, bytes.length, micros, partIndependent, cmafCutter.get());
    openParts.add(p);
    openMicros += micros;
    partTargetMillis = Math.max(partTargetMillis, p.durationMillis());
    partMicros = 0;
    partIndependent = false;
    publish();
    return true;
  }

  /**
   * Drops the open segment if no part of it was published yet (a loss cut it short before any
   * player could have seen it) and returns true; otherwise changes nothing and returns false.
   */
  public boolean dropUnpublished() {
    if (!open || !openParts.isEmpty()) {
      return false;
    }
    open = false;
    part = new ByteArrayOutputStream();
    partMicros = 0;
    return true;
  }

  /** Media time the open segment holds so far, its open part included. */
  public long openMicros() {
    return open ? openMicros + partMicros : 0;
  }

  /** Ends the open segment: its parts so far become a complete segment. */
  public void closeSegment() {
    closeSegmentAt(-1);
  }

  private void closeSegmentAt(long endDts) {
    if (!open) {
      return;
    }
    boolean addedPart = finishPart(endDts);
    open = false;
    if (openParts.isEmpty()) {
      if (!addedPart) {
        publish();
      }
      return;
    }
    int size = openParts.stream().mapToInt(Part::length).sum();
    byte[] data = new byte[size];
    List<Part> parts = new ArrayList<>(openParts.size());
    int at = 0;
    for (Part p : openParts) {
      System.arraycopy(p.data(), p.offset(), data, at, p.length());
      parts.add(new Part(data, at, p.length(), p.durationMicros(), p.independent(), p.cmaf()));
      at += p.length();
    }
    openParts.clear();
    long micros = openMicros;
    openMicros = 0;
    add(openDiscontinuity, false, openDate, micros, data, parts);
  }

  /**
   * Records media that never came: gap segments from the last segment's end up to the source
   * time {@code untilMicros}, none longer than the target duration. Ends any open segment first.
   */
  public void addGapUntil(long untilMicros) {
    closeSegment();
    if (nextDate < 0) {
      return;
    }
    long max = Math.max(1, targetSeconds) * 1_000_000;
    long left = untilMicros - nextDate;
    long date = nextDate;
    while (left >= 1000) {
      long d = Math.min(max, left);
      add(false, true, date, d, new byte[0], List.of());
      left -= d;
      date += d;
    }
  }

  private void add(boolean discontinuity, boolean gap, long date, long micros, byte[] data, List<Part> parts) {
    if (discontinuity) {
      discontinuities++;
    }
    Segment s = new Segment(nextMsn++, discontinuities, discontinuity, gap, date, micros, data, parts);
    nextDate = date + micros;
    segments.addLast(s);
    windowMicros += micros;
    windowBytes += data.length;
    targetSeconds = Math.max(targetSeconds, s.roundedSeconds());
    while (segments.size() > 1
        && (windowMicros - segments.peekFirst().durationMicros() >= settings.windowMicros()
            || windowBytes > settings.maxWindowBytes())) {
      Segment old = segments.removeFirst();
      windowMicros -= old.durationMicros();
      windowBytes -= old.data().length;
      ended++;
    }
    publish();
  }

  private void publish() {
    Segment openSegment = open
        ? new Segment(nextMsn, discontinuities + (openDiscontinuity ? 1 : 0), openDiscontinuity, false, openDate,
            openMicros, new byte[0], openParts)
        : null;
    LiveWindow w = new LiveWindow(run, targetSeconds, partTargetMillis, new ArrayList<>(segments), openSegment,
        nextMsn, ended);
    window = w;
    published.accept(w);
  }
}
