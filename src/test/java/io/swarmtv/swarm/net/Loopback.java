package io.swarmtv.swarm.net;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChunkSignature;
import io.swarmtv.swarm.wire.ChunkMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What the transport tests share: the loopback address, settings bound to it, real chunks. */
final class Loopback {
  static final InetAddress ADDRESS = ipv4Loopback();

  private Loopback() {}

  static PeerTransportSettings settings() {
    return PeerTransportSettings.DEFAULT.withBindAddress(ADDRESS);
  }

  static InetSocketAddress at(PeerTransport transport) {
    return new InetSocketAddress(ADDRESS, transport.port());
  }

  /** {@code count} chunks signed by {@code key}, sequences from 0, payloads of mixed size. */
  static List<ChunkMessage> chunks(ChannelKey key, int count, int maxPayload) {
    Random random = new Random(count);
    List<ChunkMessage> chunks = new ArrayList<>(count);
    for (int sequence = 0; sequence < count; sequence++) {
      int length = sequence % 3 == 0 ? maxPayload : random.nextInt(maxPayload + 1);
      byte[] payload = new byte[length];
      random.nextBytes(payload);
      chunks.add(new ChunkMessage(ChunkSignature.sign(
          key, sequence, 1_700_000_000_000_000L + sequence * 40_000L, 40_000, 0, 0, payload)));
    }
    return chunks;
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
