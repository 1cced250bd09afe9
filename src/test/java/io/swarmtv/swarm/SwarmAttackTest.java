package io.swarmtv.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.wire.BufferMap;
import io.swarmtv.swarm.wire.Capabilities;
import io.swarmtv.swarm.wire.ChunkMessage;
import io.swarmtv.swarm.wire.Handshake;
import io.swarmtv.swarm.wire.Have;
import io.swarmtv.swarm.wire.PeerId;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.Ping;
import io.swarmtv.swarm.wire.ProtocolException;
import io.swarmtv.swarm.wire.Subscribe;
import io.swarmtv.swarm.wire.VersionRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Peers that forge, alter, replay, push unasked or flood are banned, and none of their bytes go further. */
class SwarmAttackTest {
  final ChannelKey key = ChannelKey.generate();
  final LocalSwarm net = new LocalSwarm(2_000);
  final SwarmNode source = SwarmNode.source(key.id(), SwarmSettings.DEFAULT, net.clock, 7000, a -> { }, 1);
  final List<Chunk> victimOutput = new ArrayList<>();
  final List<Chunk> bystanderOutput = new ArrayList<>();
  SwarmNode victim;
  SwarmNode bystander;
  long published = -1;

  /** A peer under the test's control: it says what the test tells it to. */
  final class Attacker implements PeerEvents {
    final List<PeerMessage> got = new ArrayList<>();

    @Override
    public Handshake handshake() {
      return new Handshake(VersionRange.SUPPORTED, key.id(), PeerId.random(), 7000,
          Capabilities.PUSH_SUBSTREAMS | Capabilities.PEER_EXCHANGE);
    }

    @Override
    public boolean onConnected(PeerLink link, Handshake theirs, int version) {
      return true;
    }

    @Override
    public void onMessage(PeerLink link, PeerMessage message) {
      got.add(message);
    }

    @Override
    public void onProtocolError(PeerLink link, ProtocolException error) {}

    @Override
    public void onDisconnected(PeerLink link) {}
  }

  void setUp() {
    net.add(source, net.address(1), SwarmSettings.DEFAULT.tickMicros());
    victim = SwarmNode.peer(key.id(), SwarmSettings.DEFAULT, net.clock, 7000, victimOutput::add, a -> net.dial(victim, a), 2);
    bystander = SwarmNode.peer(key.id(), SwarmSettings.DEFAULT, net.clock, 7000, bystanderOutput::add,
        a -> net.dial(bystander, a), 3);
    net.add(victim, net.address(2), SwarmSettings.DEFAULT.tickMicros());
    net.add(bystander, net.address(3), SwarmSettings.DEFAULT.tickMicros());
    victim.addCandidate(net.address(1), PeerSource.MANUAL);
    bystander.addCandidate(net.address(1), PeerSource.MANUAL);
    bystander.addCandidate(net.address(2), PeerSource.MANUAL);
    publish(50);
  }

  void publish(int n) {
    for (int i = 0; i < n; i++) {
      long seq = ++published;
      source.publish(ChunkSignature.sign(key, seq, net.now(), 40_000, 0, 0, ("chunk " + seq).getBytes()));
      net.runUntil(net.now() + 40_000);
    }
  }

  /** Connects a fresh attacker to the victim, lets it become the victim's parent, and has it send what {@code attack} makes. */
  Attacker attack(int n, Function<Long, PeerMessage> attack) {
    Attacker a = new Attacker();
    net.add(a, net.address(100 + n));
    net.dial(a, net.address(2));
    net.runUntil(net.now() + 10_000);
    LocalSwarm.Link link = net.link(a, victim);
    assertNotNull(link, "the victim accepts the attacker");
    link.send(attack.apply(published));
    net.runUntil(net.now() + 10_000);
    return a;
  }

  void assertBannedAndCleanOutputs(Attacker a, byte[] evil) {
    assertNull(net.link(a, victim), "the victim dropped the attacker");
    assertTrue(victim.stats().bans() >= 1);
    for (List<Chunk> out : List.of(victimOutput, bystanderOutput)) {
      for (Chunk c : out) {
        assertFalse(Arrays.equals(c.payload(), evil), "a forged payload reached an output");
      }
    }
    publish(25); // the swarm goes on
    assertEquals(0, bystander.stats().bans(), "honest peers are not banned");
    assertTrue(victimOutput.stream().anyMatch(c -> c.sequence() == published), "the victim still plays");
  }

  @Test
  void aChunkSignedByAnotherKeyIsRefused() {
    setUp();
    byte[] evil = "evil".getBytes();
    Attacker a = attack(1, seq -> {
      // Announce a fresh chunk first, so the victim asks for it; then answer with a forgery.
      return new Have(seq + 1);
    });
    publish(0);
    net.runUntil(net.now() + 300_000); // the victim asks the attacker (the only holder) for it
    LocalSwarm.Link link = net.link(a, victim);
    assertNotNull(link);
    link.send(new ChunkMessage(ChunkSignature.sign(ChannelKey.generate(), published + 1, net.now(), 40_000, 0, 0, evil)));
    net.runUntil(net.now() + 10_000);
    assertBannedAndCleanOutputs(a, evil);
  }

  @Test
  void anAlteredChunkIsRefused() {
    setUp();
    Chunk real = source.chunk(published);
    byte[] evil = real.payload().clone();
    evil[0] ^= 1;
    Attacker a = attack(2, seq -> new ChunkMessage(new Chunk(real.sequence(), real.timestampMicros(),
        real.durationMicros(), real.flags(), real.keyEpoch(), evil, real.signature())));
    assertBannedAndCleanOutputs(a, evil);
  }

  @Test
  void aChunkPushedUnaskedIsRefusedEvenWhenGenuine() {
    setUp();
    Chunk old = source.chunk(3);
    Attacker a = attack(3, seq -> new ChunkMessage(old));
    assertBannedAndCleanOutputs(a, new byte[0]);
  }

  @Test
  void aReplayOfOldChunksToASubscriberIsRefused() {
    setUp();
    // A newcomer whose only neighbour is the attacker takes every sub-stream from it.
    List<Chunk> newcomerOutput = new ArrayList<>();
    SwarmNode newcomer = SwarmNode.peer(key.id(), SwarmSettings.DEFAULT, net.clock, 7000, newcomerOutput::add, x -> { }, 9);
    net.add(newcomer, net.address(9), SwarmSettings.DEFAULT.tickMicros());
    Attacker a = new Attacker();
    net.add(a, net.address(104));
    net.dial(a, net.address(9));
    net.runUntil(net.now() + 10_000);
    LocalSwarm.Link link = net.link(a, newcomer);
    link.send(BufferMap.of(published - 10, 11, s -> true));
    net.runUntil(net.now() + 100_000);
    assertTrue(a.got.stream().anyMatch(m -> m instanceof Subscribe), "the newcomer subscribed: " + a.got);
    link.send(new ChunkMessage(source.chunk(2))); // genuine, but long before what was asked
    net.runUntil(net.now() + 10_000);
    assertNull(net.link(a, newcomer), "the newcomer dropped the replaying parent");
    assertEquals(1, newcomer.stats().bans());
    assertTrue(newcomerOutput.isEmpty(), "nothing replayed was played");
  }

  @Test
  void metadataSignedByAnotherKeyIsRefused() {
    setUp();
    Attacker a = attack(6, seq -> new io.swarmtv.swarm.wire.MetadataMessage(
        io.swarmtv.channel.ChannelMetadata.sign(ChannelKey.generate(), "Fake News", "", 1, List.of(), 99)));
    assertBannedAndCleanOutputs(a, new byte[0]);
    assertEquals(null, victim.metadata(), "the forged record is not kept");
  }

  @Test
  void aFloodOfMessagesIsBanned() {
    setUp();
    Attacker a = attack(5, seq -> new Ping(1));
    LocalSwarm.Link link = net.link(a, victim);
    for (int i = 0; i < SwarmNode.MAX_MESSAGES_PER_SECOND + 10; i++) {
      link.send(new Ping(i));
    }
    net.runUntil(net.now() + 10_000);
    assertBannedAndCleanOutputs(a, new byte[0]);
  }
}
