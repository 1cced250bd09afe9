package io.swarmtv.swarm.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.VersionRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Transports, raw sockets and recording logics a test opened, closed after it (logics last);
 * every recording logic must have seen the {@code PeerEvents} contract kept.
 */
final class TransportFixture {
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<RecordingPeerEvents> logics = new ArrayList<>();

  PeerTransport transport(PeerTransportSettings settings) throws IOException {
    return keep(PeerTransport.start(settings));
  }

  PeerTransport transport() throws IOException {
    return transport(Loopback.settings());
  }

  /** A recording logic for {@code channel}, registered with {@code transport}. */
  RecordingPeerEvents join(PeerTransport transport, ChannelId channel, VersionRange versions) {
    RecordingPeerEvents events = new RecordingPeerEvents(channel, versions);
    logics.add(events);
    transport.register(channel, events, events.executor());
    return events;
  }

  RecordingPeerEvents join(PeerTransport transport, ChannelId channel) {
    return join(transport, channel, VersionRange.SUPPORTED);
  }

  RawPeerSocket raw(PeerTransport transport) throws IOException {
    return keep(RawPeerSocket.connect(transport.port()));
  }

  /** A handshake for {@code channel} from a fresh peer that cannot be dialled. */
  static Handshake handshake(ChannelId channel) {
    return new Handshake(VersionRange.SUPPORTED, channel, PeerId.random(), 0, 0);
  }

  /** A raw peer that sent {@code transport} its handshake for {@code channel} and read the answer. */
  RawPeerSocket handshaken(PeerTransport transport, RecordingPeerEvents logic, ChannelId channel)
      throws Exception {
    RawPeerSocket raw = raw(transport);
    raw.send(handshake(channel));
    assertEquals(logic.ourHandshake(), raw.read());
    return raw;
  }

  <T extends AutoCloseable> T keep(T resource) {
    opened.add(resource);
    return resource;
  }

  /** Two connected links of {@code channel}: {@code from} dialled {@code to}. */
  static PeerLink[] connect(PeerTransport from, RecordingPeerEvents fromEvents, PeerTransport to,
      RecordingPeerEvents toEvents, ChannelId channel) throws Exception {
    PeerLink dialled = from.connect(Loopback.at(to), channel).get();
    PeerLink accepted = toEvents.next(RecordingPeerEvents.Connected.class).link();
    fromEvents.next(RecordingPeerEvents.Connected.class);
    return new PeerLink[] {dialled, accepted};
  }

  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    // Logics last, so that the transports' closing reaches them under the contract too.
    for (RecordingPeerEvents logic : logics) {
      logic.close();
    }
    for (RecordingPeerEvents logic : logics) {
      logic.assertContractKept();
    }
  }
}
