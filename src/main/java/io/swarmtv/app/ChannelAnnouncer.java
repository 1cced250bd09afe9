package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.ingest.MicrosClock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Signs the channel's metadata (its name and measured bitrate) and publishes a new record when the
 * bitrate moves by more than a tenth. Records are numbered by the clock, so a restarted
 * broadcaster's records still replace its earlier ones.
 */
final class ChannelAnnouncer {
  private final ChannelKey key;
  private final String name;
  private final Consumer<ChannelMetadata> publish;
  private final MicrosClock clock;
  private long announcedBitrate = -1;

  ChannelAnnouncer(ChannelKey key, String name, Consumer<ChannelMetadata> publish, MicrosClock clock) {
    this.key = key;
    this.name = name != null ? name : "channel " + key.id().toString().substring(0, 8);
    this.publish = publish;
    this.clock = clock;
  }

  /** Announces from the live channel's figures: payload bytes over media time. */
  void announce(LiveChannel.Stats stats) {
    long micros = stats.media().toNanos() / 1000;
    if (micros > 0) {
      announce(stats.ingest().bytes() * 8 * 1_000_000 / micros);
    }
  }

  /** Announces {@code bitrate} (bits a second, 0 before it is known) if it is news. */
  void announce(long bitrate) {
    if (announcedBitrate >= 0 && Math.abs(bitrate - announcedBitrate) * 10 <= announcedBitrate) {
      return;
    }
    announcedBitrate = bitrate;
    publish.accept(ChannelMetadata.sign(key, name, "", bitrate, List.of(), clock.nowMicros()));
  }
}
