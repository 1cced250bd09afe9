package io.swarmtv.discovery.dht;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 5's compact forms for IPv4: a peer as 6 bytes (address, port big-endian) and a node as 26
 * bytes (id, then the peer form). IPv6 contacts are left out when encoding: BEP 32 is not spoken.
 */
public final class CompactAddresses {
  /** Bytes in one compact IPv4 peer. */
  public static final int PEER_LENGTH = 6;
  /** Bytes in one compact IPv4 node. */
  public static final int NODE_LENGTH = NodeId.LENGTH + PEER_LENGTH;

  private CompactAddresses() {}

  /** Whether {@code address} has a compact IPv4 form. */
  public static boolean encodable(InetSocketAddress address) {
    return address.getAddress() instanceof Inet4Address && address.getPort() > 0;
  }

  /** The 6-byte form of an IPv4 address and port. */
  public static byte[] peer(InetSocketAddress address) {
    if (!encodable(address)) {
      throw new IllegalArgumentException(address + " has no compact IPv4 form");
    }
    byte[] b = Arrays.copyOf(address.getAddress().getAddress(), PEER_LENGTH);
    b[4] = (byte) (address.getPort() >>> 8);
    b[5] = (byte) address.getPort();
    return b;
  }

  /** Reads a 6-byte peer; port 0 is refused, since nothing can be reached there. */
  public static InetSocketAddress peer(byte[] b, int off) {
    if (b.length - off < PEER_LENGTH) {
      throw new IllegalArgumentException("a compact peer is " + PEER_LENGTH + " bytes, " + (b.length - off) + " left");
    }
    int port = (b[off + 4] & 0xff) << 8 | (b[off + 5] & 0xff);
    if (port == 0) {
      throw new IllegalArgumentException("compact peer with port 0");
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + 4)), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** The concatenated 26-byte forms of the IPv4 contacts in {@code nodes}. */
  public static byte[] nodes(List<NodeContact> nodes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nodes.size() * NODE_LENGTH);
    for (NodeContact n : nodes) {
      if (encodable(n.address())) {
        out.writeBytes(n.id().bytes());
        out.writeBytes(peer(n.address()));
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads concatenated 26-byte nodes; a length that is not a multiple of 26 is refused, and
   * entries with port 0 are skipped (some clients send them for nodes they only heard of).
   */
  public static List<NodeContact> nodes(byte[] b) {
    if (b.length % NODE_LENGTH != 0) {
      throw new IllegalArgumentException("compact nodes of " + b.length + " bytes, not a multiple of " + NODE_LENGTH);
    }
    List<NodeContact> nodes = new ArrayList<>(b.length / NODE_LENGTH);
    for (int off = 0; off < b.length; off += NODE_LENGTH) {
      if (b[off + NODE_LENGTH - 2] == 0 && b[off + NODE_LENGTH - 1] == 0) {
        continue;
      }
      NodeId id = NodeId.of(Arrays.copyOfRange(b, off, off + NodeId.LENGTH));
      nodes.add(new NodeContact(id, peer(b, off + NodeId.LENGTH)));
    }
    return nodes;
  }
}
