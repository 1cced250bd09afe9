package io.swarmtv.swarm;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.channel.ChannelMetadata;

/** A channel's newest signed metadata: records that verify are kept when newer, forgeries told apart. */
final class MetadataStore {
  /** What an offered record turned out to be. */
  enum Offer { NEWER, KNOWN, FORGED }

  private final ChannelId channel;
  private ChannelMetadata current;

  MetadataStore(ChannelId channel) {
    this.channel = channel;
  }

  Offer offer(ChannelMetadata m) {
    if (!m.verify(channel)) {
      return Offer.FORGED;
    }
    if (current != null && m.sequence() <= current.sequence()) {
      return Offer.KNOWN;
    }
    current = m;
    return Offer.NEWER;
  }

  /** The newest record, or null before any. */
  ChannelMetadata current() {
    return current;
  }
}
