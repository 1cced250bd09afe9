package io.swarmtv.app;

import io.swarmtv.channel.ChannelLink;
import io.swarmtv.discovery.ChannelDiscovery;
import io.swarmtv.discovery.InfoHash;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.swarm.PeerSource;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * How the gateway finds peers for a channel it joins: the user's {@code --peer}s, and discovery
 * (trackers, the DHT, the LAN) for as long as it stays joined.
 */
@FunctionalInterface
interface ChannelPeers {
  /**
   * Starts finding peers of {@code link}'s channel, handing them to {@code found}.
   *
   * @param port our peer port, to announce
   * @return what to close when the channel is left; its status while it runs, if it has one
   */
  Search find(ChannelLink link, int port, BiConsumer<InetSocketAddress, PeerSource> found);

  /** A running search for one channel's peers. */
  interface Search extends AutoCloseable {
    /** One line on how the search goes, for the console; empty if there is nothing to say. */
    String describe(long nowMicros);

    @Override
    void close();
  }

  /** Only the given addresses, offered once: {@code --peer} without discovery. */
  static ChannelPeers fixed(List<InetSocketAddress> peers) {
    List<InetSocketAddress> copy = List.copyOf(peers);
    return (link, port, found) -> {
      copy.forEach(p -> found.accept(p, PeerSource.MANUAL));
      return new Search() {
        @Override
        public String describe(long nowMicros) {
          return "";
        }

        @Override
        public void close() {}
      };
    };
  }

  /** The given addresses, then whatever {@code discovery} finds for the channel. */
  static ChannelPeers discovering(List<InetSocketAddress> peers, PeerDiscovery discovery) {
    ChannelPeers manual = fixed(peers);
    return (link, port, found) -> {
      manual.find(link, port, found);
      ChannelDiscovery d = discovery.join(InfoHash.of(link.id().infoHash()), port, link.trackers(), false, found);
      return new Search() {
        @Override
        public String describe(long nowMicros) {
          return DiscoveryStatusText.line(d.status(), nowMicros);
        }

        @Override
        public void close() {
          d.close();
        }
      };
    };
  }
}
