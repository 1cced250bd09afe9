package io.swarmtv.ingest;

import java.io.Closeable;
import java.io.IOException;

/** An opened input that delivers aligned MPEG-TS packets, each stamped with the time it arrived. */
public interface Feed extends Closeable {

  /**
   * Delivers packets to {@code sink} on the calling thread until the input ends (returns normally)
   * or fails (throws, a {@link FeedException} carrying a message for the operator). Once
   * {@link #close} is called it returns soon, without error.
   */
  void run(PacketSink sink) throws IOException, InterruptedException;

  /**
   * Lets the feed act on time passing while nothing arrives, such as giving up on a stalled HTTP
   * source. Called periodically from a thread other than the one in {@link #run}.
   */
  default void tick(long nowMicros) {}

  /** Bytes dropped because they were not part of an aligned packet. */
  long skippedBytes();

  /** Times packet alignment was lost and found again. */
  long resyncs();

  /** Datagrams thrown away whole (too large for a TS-over-UDP sender). */
  default long datagramsDropped() {
    return 0;
  }

  /** The input as the operator wrote it, for messages. */
  String description();

  /** Stops the feed and releases its file, socket or connection; safe from any thread, any number of times. */
  @Override
  void close();

  /**
   * Opens the input at {@code address}. UDP sockets are bound and groups joined before this
   * returns, so nothing sent afterwards is missed; files and HTTP are opened by {@link #run}.
   *
   * @param clock stamps arrival times and paces files
   * @param sleeper waits for a file's next PCR
   * @throws IllegalArgumentException when the settings do not fit the input (looping a live feed)
   * @throws FeedException when the input cannot be opened
   */
  static Feed open(FeedAddress address, FeedSettings settings, MicrosClock clock, Sleeper sleeper) throws IOException {
    if (settings.loop() && !(address instanceof FileFeedAddress)) {
      throw new IllegalArgumentException("looping applies to file input only, not " + address);
    }
    if (address instanceof FileFeedAddress file) {
      return settings.loop()
          ? PacedFeed.looping(file.path(), clock, sleeper)
          : PacedFeed.ofFile(file.path(), false, clock, sleeper);
    }
    if (address instanceof UdpFeedAddress udp) {
      return UdpFeed.open(udp, clock);
    }
    if (address instanceof HttpFeedAddress http) {
      return new HttpFeed(http.uri(), settings.connectTimeout(), settings.stallTimeout(), clock);
    }
    return StreamFeed.standardInput(clock);
  }
}
