package io.swarmtv.discovery.tracker;

/**
 * When to announce to one tracker next: at once at first, then on the interval the tracker gives
 * (never sooner than its {@code min interval}, and within our floor and ceiling), and after a
 * failure at a delay that doubles with each failure in a row. One announce is in flight at most.
 */
final class AnnounceSchedule {
  private final TrackerSettings settings;
  private long nextMicros;
  private boolean inFlight;
  private int failures;

  AnnounceSchedule(TrackerSettings settings, long startMicros) {
    this.settings = settings;
    this.nextMicros = startMicros;
  }

  boolean due(long nowMicros) {
    return !inFlight && nowMicros >= nextMicros;
  }

  void sent() {
    inFlight = true;
  }

  /** Schedules the next announce after a reply; returns when it is due. */
  long succeeded(long nowMicros, long intervalSeconds, long minIntervalSeconds) {
    inFlight = false;
    failures = 0;
    long seconds = Math.max(intervalSeconds, minIntervalSeconds);
    seconds = Math.min(Math.max(seconds, settings.minIntervalSeconds()), settings.maxIntervalSeconds());
    nextMicros = nowMicros + seconds * 1_000_000;
    return nextMicros;
  }

  /** Schedules a retry after a failure; returns when it is due. */
  long failed(long nowMicros) {
    inFlight = false;
    failures = Math.min(failures + 1, 30);
    long seconds = settings.firstRetrySeconds() << Math.min(failures - 1, 20);
    nextMicros = nowMicros + Math.min(seconds, settings.maxRetrySeconds()) * 1_000_000;
    return nextMicros;
  }

  long nextMicros() {
    return nextMicros;
  }

  int failures() {
    return failures;
  }
}
