package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.ingest.MicrosClock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Signs the channel's metadata (its name, measured bitrate, codecs and picture) and publishes a
 * new record when the bitrate moves by more than a tenth or the stream's format changes. Records
 * are numbered by the clock, so a restarted broadcaster's records still replace its earlier ones.
 */
final class ChannelAnnouncer {
  private static final ChannelFormatReader.Format UNKNOWN = new ChannelFormatReader.Format(List.of(), null);

  private final ChannelKey key;
  private final String name;
  private final Consumer<ChannelMetadata> publish;
  private final MicrosClock clock;
  private long announcedBitrate = -1;
  private ChannelFormatReader.Format announcedFormat = UNKNOWN;
  private long lastSequence = -1;

  ChannelAnnouncer(ChannelKey key, String name, Consumer<ChannelMetadata> publish, MicrosClock clock) {
    this.key = key;
    this.name = name != null ? name : "channel " + key.id().toString().substring(0, 8);
    this.publish = publish;
    this.clock = clock;
  }

  /** Announces from the live channel's figures: payload bytes over media time, and the format read. */
  void announce(LiveChannel.Stats stats) {
    long micros = stats.media().toNanos() / 1000;
    long bitrate = micros > 0 ? stats.ingest().bytes() * 8 * 1_000_000 / micros : Math.max(0, announcedBitrate);
    announce(bitrate, stats.format());
  }

  /** Announces {@code bitrate} (bits a second, 0 before it is known) if it is news. */
  void announce(long bitrate) {
    announce(bitrate, announcedFormat);
  }

  private void announce(long bitrate, ChannelFormatReader.Format format) {
    boolean bitrateNews = announcedBitrate < 0 || Math.abs(bitrate - announcedBitrate) * 10 > announcedBitrate;
    if (!bitrateNews && format.equals(announcedFormat)) {
      return;
    }
    announcedBitrate = bitrate;
    announcedFormat = format;
    // Two records within a microsecond must still be told apart: newer is larger.
    lastSequence = Math.max(lastSequence + 1, clock.nowMicros());
    publish.accept(ChannelMetadata.sign(key, name, "", bitrate, format.codecs(), format.video(), lastSequence));
  }
}
