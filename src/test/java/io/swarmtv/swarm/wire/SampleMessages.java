package io.swarmtv.swarm.wire;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.channel.Chunk;
import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.channel.ChunkSignature;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

/** One or more valid instances of every message, the largest each can be among them. */
final class SampleMessages {
  static final ChannelKey KEY = ChannelKey.generate();

  private SampleMessages() {}

  static Handshake handshake() {
    return new Handshake(VersionRange.SUPPORTED, KEY.id(), PeerId.of(new byte[PeerId.LENGTH]),
        6881, Capabilities.KNOWN);
  }

  static Chunk chunk(int payloadLength) {
    byte[] payload = new byte[payloadLength];
    new Random(payloadLength).nextBytes(payload);
    return ChunkSignature.sign(KEY, 42, 1_700_000_000_000_000L, 480_000,
        ChunkFlags.SEGMENT_START | ChunkFlags.PART_START, 0, payload);
  }

  static ChunkMessage fullChunk() {
    return new ChunkMessage(chunk(Chunk.MAX_PAYLOAD));
  }

  /** Every message type at least once, two handshakes first. */
  static List<PeerMessage> all() {
    Random random = new Random(7);
    List<PeerMessage> all = new ArrayList<>();
    all.add(handshake());
    all.add(new Handshake(new VersionRange(1, 9), KEY.id(), PeerId.random(), 0, -1L));
    all.add(new Goodbye(GoodbyeReason.BANNED, "forged chunk 1234"));
    all.add(new Goodbye(GoodbyeReason.CLOSING, ""));
    all.add(new Goodbye(GoodbyeReason.OTHER, "é".repeat(Goodbye.MAX_DETAIL_BYTES / 2)));
    all.add(new Ping(0x0123456789ABCDEFL));
    all.add(new Pong(-1L));
    all.add(BufferMap.of(1000, BufferMap.MAX_SPAN, s -> random.nextBoolean()));
    all.add(BufferMap.of(5, 13, s -> s % 3 != 0));
    all.add(BufferMap.of(Long.MAX_VALUE - 1, 1, s -> true));
    all.add(BufferMap.of(0, 0, s -> true));
    all.add(new Have(0));
    all.add(new Have(Long.MAX_VALUE));
    all.add(Request.of(7));
    all.add(new Request(LongStream.range(100, 100 + Request.MAX_SEQUENCES).boxed().toList()));
    all.add(Cancel.of(7, 9));
    all.add(new Cancel(LongStream.range(0, Cancel.MAX_SEQUENCES).boxed().toList()));
    all.add(fullChunk());
    all.add(new ChunkMessage(chunk(0)));
    all.add(new ChunkMessage(chunk(7 * 188)));
    all.add(new Subscribe(new SubStream(0, 1), 0));
    all.add(new Subscribe(new SubStream(63, 64), Long.MAX_VALUE));
    all.add(new Unsubscribe(new SubStream(2, 4)));
    all.add(new BufferMapDelta(0, 0, new byte[0]));
    all.add(new BufferMapDelta(3, 3, new byte[] {(byte) 0xA0}));
    byte[] full = new byte[32];
    java.util.Arrays.fill(full, (byte) 0xFF);
    full[31] = (byte) 0xFE;
    all.add(new BufferMapDelta(BufferMapDelta.MAX_DELTA, BufferMapDelta.MAX_SPAN, full));
    all.add(new PeerExchange(List.of(), List.of()));
    all.add(new PeerExchange(List.of(address("192.0.2.1", 6881)),
        List.of(address("2001:db8::1", 443))));
    all.add(new PeerExchange(addresses(random, 16, PeerExchange.MAX_ADDRESSES),
        addresses(random, 16, PeerExchange.MAX_ADDRESSES)));
    all.add(new MetadataMessage(ChannelMetadata.sign(KEY, "Évening News", "Live.\nNightly.",
        4_000_000, List.of("avc1.64001f", "mp4a.40.2"), 3)));
    all.add(new MetadataMessage(ChannelMetadata.sign(KEY, "n".repeat(100), "d".repeat(1000),
        Long.MAX_VALUE, Collections.nCopies(16, "c".repeat(64)), Long.MAX_VALUE)));
    return all;
  }

  /** {@link #all()} as one peer could send them: a single handshake, first. */
  static List<PeerMessage> stream() {
    List<PeerMessage> stream = new ArrayList<>(all());
    stream.remove(1);
    return stream;
  }

  /** Every message type once, handshake first; small enough to try every split point. */
  static List<PeerMessage> oneOfEach() {
    List<PeerMessage> seen = new ArrayList<>();
    for (PeerMessage m : all()) {
      if (seen.stream().noneMatch(s -> s.type() == m.type())) {
        seen.add(m);
      }
    }
    return seen;
  }

  static InetSocketAddress address(String literal, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(literal), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static List<InetSocketAddress> addresses(Random random, int length, int count) {
    List<InetSocketAddress> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] raw = new byte[length];
      random.nextBytes(raw);
      raw[0] = 0x20; // global unicast, never IPv4-mapped
      try {
        list.add(new InetSocketAddress(InetAddress.getByAddress(raw), 1 + random.nextInt(65535)));
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    return list;
  }

  static byte[] concat(List<? extends PeerMessage> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (PeerMessage m : messages) {
      out.writeBytes(MessageCodec.encode(m));
    }
    return out.toByteArray();
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }
}
