package io.swarmtv.hls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live window of one channel: segments and parts as they complete, the oldest dropped once the
 * window holds more than its duration or bytes. Each change publishes a new immutable
 * {@link LiveWindow}. Not thread-safe for writing; {@link #window} may be read from any thread.
 */
public final class SegmentStore {
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

  private boolean open;
  private boolean openDiscontinuity;
  private long openDate;
  private final List<Part> openParts = new ArrayList<>();
  private long openMicros;
  private ByteArrayOutputStream part = new ByteArrayOutputStream();
  private long partMicros;
  private boolean partIndependent;

  private volatile LiveWindow window;

  public SegmentStore(HlsSettings settings, String run, Consumer<LiveWindow> published) {
    this.settings = settings;
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
   * @param discontinuity an EXT-X-DISCONTINUITY goes before it
   * @param dateMicros the source's wall clock at its start
   */
  public void openSegment(boolean discontinuity, long dateMicros, byte[] prefix) {
    closeSegment();
    open = true;
    openDiscontinuity = discontinuity;
    openDate = dateMicros;
    startPart(true);
    part.writeBytes(prefix);
  }

  /** Ends the open part (if it has media) and starts another. */
  public void startPart(boolean independent) {
    finishPart();
    partIndependent = independent;
  }

  /** Appends media to the open part. */
  public void append(byte[] ts, long durationMicros) {
    if (!open) {
      throw new IllegalStateException("no segment is open");
    }
    part.writeBytes(ts);
    partMicros += durationMicros;
  }

  private boolean finishPart() {
    if (!open || partMicros == 0 && part.size() == 0) {
      return false;
    }
    byte[] bytes = part.toByteArray();
    part = new ByteArrayOutputStream();
    Part p = new Part(bytes, 0, bytes.length, partMicros, partIndependent);
    openParts.add(p);
    openMicros += partMicros;
    partTargetMillis = Math.max(partTargetMillis, p.durationMillis());
    partMicros = 0;
    partIndependent = false;
    publish();
    return true;
  }

  /** Ends the open segment: its parts so far become a complete segment. */
  public void closeSegment() {
    if (!open) {
      return;
    }
    boolean addedPart = finishPart();
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
      parts.add(new Part(data, at, p.length(), p.durationMicros(), p.independent()));
      at += p.length();
    }
    openParts.clear();
    long micros = openMicros;
    openMicros = 0;
    add(openDiscontinuity, false, openDate, micros, data, parts);
  }

  /**
   * Records media that never came: gap segments covering {@code durationMicros}, none longer
   * than the target duration. Ends any open segment first.
   */
  public void addGap(long dateMicros, long durationMicros) {
    closeSegment();
    long max = Math.max(1, targetSeconds) * 1_000_000;
    long left = durationMicros;
    long date = dateMicros;
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
