package io.swarmtv.swarm.wire;

import java.util.StringJoiner;

/**
 * Bits of {@link Handshake#capabilities()}: optional parts of the protocol the sender takes part
 * in. A peer sends a capability's messages only to peers that set its bit. Bits this build does
 * not know are kept and ignored, which is how later versions add capabilities.
 */
public final class Capabilities {
  /** The sender serves {@link Subscribe}: it pushes sub-streams to peers that subscribe. */
  public static final long PUSH_SUBSTREAMS = 1L;
  /** The sender sends and accepts {@link PeerExchange}. */
  public static final long PEER_EXCHANGE = 1L << 1;
  /** The sender can send the channel's signed {@link MetadataMessage}. */
  public static final long METADATA = 1L << 2;
  /** The sender reads {@link BufferMapDelta}, the compact form of a buffer map. */
  public static final long COMPACT_MAPS = 1L << 3;
  /** Every bit this build knows. */
  public static final long KNOWN = PUSH_SUBSTREAMS | PEER_EXCHANGE | METADATA | COMPACT_MAPS;

  private Capabilities() {}

  /** Whether {@code capabilities} has every bit of {@code wanted}. */
  public static boolean has(long capabilities, long wanted) {
    return (capabilities & wanted) == wanted;
  }

  /** Short human-readable form, e.g. {@code push|pex|0x100}. */
  public static String describe(long capabilities) {
    StringJoiner j = new StringJoiner("|");
    if ((capabilities & PUSH_SUBSTREAMS) != 0) j.add("push");
    if ((capabilities & PEER_EXCHANGE) != 0) j.add("pex");
    if ((capabilities & METADATA) != 0) j.add("metadata");
    if ((capabilities & COMPACT_MAPS) != 0) j.add("compact-maps");
    long unknown = capabilities & ~KNOWN;
    if (unknown != 0) j.add("0x" + Long.toHexString(unknown));
    return j.length() == 0 ? "-" : j.toString();
  }
}
