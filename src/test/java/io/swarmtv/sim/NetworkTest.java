package io.swarmtv.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.PeerEvents;
import io.swarmtv.swarm.PeerLink;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.Ping;
import io.swarmtv.swarm.wire.ProtocolException;
import io.swarmtv.swarm.wire.VersionRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The modelled network delivers messages when a line of that speed and latency would. */
class NetworkTest {
  private static final ChannelKey KEY = ChannelKey.generate();
  private static final long T0 = 1_000_000_000L;

  private final Network network = new Network(T0);

  /** Records what the network tells a host. */
  static final class Recorder implements PeerEvents {
    final List<PeerLink> links = new ArrayList<>();
    final List<long[]> arrivals = new ArrayList<>(); // {time, frame bytes}
    final List<PeerMessage> messages = new ArrayList<>();
    final List<Long> disconnects = new ArrayList<>();
    final Network network;

    Recorder(Network network) {
      this.network = network;
    }

    @Override
    public Handshake handshake() {
      return new Handshake(VersionRange.SUPPORTED, KEY.id(), PeerId.random(), Simulation.LISTEN_PORT,
          Capabilities.PUSH_SUBSTREAMS);
    }

    @Override
    public boolean onConnected(PeerLink link, Handshake theirs, int version) {
      links.add(link);
      return true;
    }

    @Override
    public void onMessage(PeerLink link, PeerMessage message) {
      arrivals.add(new long[] {network.now(), MessageCodec.frameLength(message)});
      messages.add(message);
    }

    @Override
    public void onProtocolError(PeerLink link, ProtocolException error) {}

    @Override
    public void onDisconnected(PeerLink link) {
      disconnects.add(network.now());
    }
  }

  private Recorder host(Host h) {
    Recorder r = new Recorder(network);
    h.events = r;
    if (!h.behindNat) network.listen(h);
    return r;
  }

  private static Host machine(int n, double upMbit, double downMbit, long accessMicros, boolean nat) throws Exception {
    return new Host(n, new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) n}), 6881),
        (long) (upMbit * 1e6), (long) (downMbit * 1e6), accessMicros, nat, false, T0);
  }

  private void runAll() {
    EventQueue q = network.queue;
    while (!q.isEmpty()) {
      q.poll();
      network.advanceTo(q.polledAt);
      network.run(q.polledKind, q.polledFirst, q.polledSecond, q.polledNumber, q.polledExtra);
    }
  }

  private static ChunkMessage chunkOf(int payloadBytes) {
    return new ChunkMessage(ChunkSignature.sign(KEY, 0, 0, 40_000, 0, 0, new byte[payloadBytes]));
  }

  /** Wire bytes by hand: the frame and 40 bytes of TCP/IP header per 1460-byte packet. */
  private static long wire(PeerMessage m) {
    int frame = MessageCodec.frameLength(m);
    return frame + 40L * (int) Math.ceil(frame / 1460.0);
  }

  private static long micros(long bytes, double mbit) {
    return (long) Math.ceil(bytes * 8 / mbit);
  }

  @Test
  void aMessageTakesItsSerialisationAtTheUplinkPlusLatency() throws Exception {
    Host a = machine(1, 1, 50, 4_000, false);
    Host b = machine(2, 20, 50, 6_000, false);
    Recorder ra = host(a);
    Recorder rb = host(b);
    network.dial(a, b.address);
    runAll();
    assertEquals(1, ra.links.size());
    assertEquals(1, rb.links.size());
    assertEquals(T0 + 3 * 10_000, network.now(), "TCP and swarm handshakes: three one-way trips");

    long sent = network.now();
    ChunkMessage m = chunkOf(7520);
    ra.links.get(0).send(m);
    ra.links.get(0).send(m);
    long bytes = wire(m);
    assertEquals(2 * bytes, ra.links.get(0).queuedBytes(), "nothing has left the uplink yet");
    runAll();
    long first = sent + micros(bytes, 1) + 10_000 + micros(1500, 50);
    assertEquals(List.of(first, first + micros(bytes, 1)), rb.arrivals.stream().map(x -> x[0]).toList());
    assertEquals(0, ra.links.get(0).queuedBytes());
  }

  @Test
  void aSlowDownlinkQueuesWhatTwoFastSendersSendAtOnce() throws Exception {
    Host a = machine(1, 100, 100, 1_000, false);
    Host b = machine(2, 100, 100, 1_000, false);
    Host slow = machine(3, 1, 2, 1_000, false);
    Recorder ra = host(a);
    Recorder rb = host(b);
    Recorder rs = host(slow);
    network.dial(a, slow.address);
    network.dial(b, slow.address);
    runAll();
    long sent = network.now();
    ChunkMessage m = chunkOf(7520);
    ra.links.get(0).send(m);
    rb.links.get(0).send(m);
    runAll();
    long bytes = wire(m);
    long firstIn = sent + micros(1500, 100) + 2_000;
    // The downlink takes both messages' bytes one after the other from the first packet on.
    assertEquals(List.of(firstIn + micros(bytes, 2), firstIn + micros(bytes, 2) + micros(bytes, 2)),
        rs.arrivals.stream().map(x -> x[0]).toList());
  }

  @Test
  void messagesKeepTheirOrderWhateverTheirSize() throws Exception {
    Host a = machine(1, 5, 50, 3_000, false);
    Host b = machine(2, 5, 3, 3_000, false);
    Recorder ra = host(a);
    Recorder rb = host(b);
    network.dial(a, b.address);
    runAll();
    List<PeerMessage> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      PeerMessage m = i % 3 == 0 ? chunkOf(188 * (1 + i)) : new Ping(i);
      sent.add(m);
      ra.links.get(0).send(m);
      if (i % 7 == 0) {
        network.advanceTo(network.now() + 1_000);
      }
    }
    runAll();
    assertEquals(sent, rb.messages);
    for (int i = 1; i < rb.arrivals.size(); i++) {
      assertTrue(rb.arrivals.get(i)[0] >= rb.arrivals.get(i - 1)[0]);
    }
  }

  @Test
  void aPeerBehindNatCanDialOutButCannotBeDialled() throws Exception {
    Host open = machine(1, 5, 50, 3_000, false);
    Host natted = machine(2, 5, 50, 3_000, true);
    Recorder ro = host(open);
    Recorder rn = host(natted);
    network.dial(open, natted.address);
    runAll();
    assertTrue(ro.links.isEmpty() && rn.links.isEmpty());
    network.dial(natted, open.address);
    runAll();
    assertEquals(1, ro.links.size());
    assertEquals(1, rn.links.size());
  }

  @Test
  void anUnpluggedPeerIsNoticedLaterAndWhatItHadInFlightIsLost() throws Exception {
    Host a = machine(1, 1, 50, 3_000, false);
    Host b = machine(2, 5, 50, 3_000, false);
    Recorder ra = host(a);
    Recorder rb = host(b);
    network.dial(a, b.address);
    runAll();
    ra.links.get(0).send(chunkOf(7520));
    long unplugged = network.now();
    network.unplug(a);
    runAll();
    assertTrue(rb.messages.isEmpty(), "the chunk was still on a's line");
    assertEquals(List.of(unplugged + Network.DEPARTURE_NOTICED_AFTER_MICROS), rb.disconnects);
    assertTrue(ra.disconnects.isEmpty(), "an unplugged node hears nothing more");
    assertFalse(a.alive);
    network.dial(b, a.address);
    runAll();
    assertEquals(1, rb.links.size(), "no one answers at a gone peer's address");
  }

  @Test
  void closingSendsWhatWasQueuedFirstThenTheFarEndSeesTheClose() throws Exception {
    Host a = machine(1, 1, 50, 3_000, false);
    Host b = machine(2, 5, 50, 3_000, false);
    Recorder ra = host(a);
    Recorder rb = host(b);
    network.dial(a, b.address);
    runAll();
    PeerLink link = ra.links.get(0);
    ChunkMessage m = chunkOf(7520);
    long t = network.now();
    link.send(m);
    link.close(io.swarmtv.swarm.wire.GoodbyeReason.BANNED, "test");
    link.send(m);
    runAll();
    assertEquals(1, rb.messages.size(), "sends after the close are dropped");
    assertEquals(List.of(t), ra.disconnects);
    assertEquals(List.of(rb.arrivals.get(0)[0]), rb.disconnects, "the close comes right behind the data");
  }
}
