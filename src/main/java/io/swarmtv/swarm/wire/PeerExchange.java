package io.swarmtv.swarm.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Peers of the same swarm the sender has connected to ({@code added}) or lost ({@code dropped})
 * since its last exchange with the receiver, so swarms grow without the tracker. Only sent to
 * peers whose handshake has {@link Capabilities#PEER_EXCHANGE}.
 *
 * <p>Each address is a family byte (4 or 6), the raw address (4 or 16 bytes) and the port (2).
 *
 * @param added up to {@value #MAX_ADDRESSES} reachable addresses
 * @param dropped up to {@value #MAX_ADDRESSES} addresses
 */
public record PeerExchange(List<InetSocketAddress> added, List<InetSocketAddress> dropped)
    implements PeerMessage {
  /** Most addresses in each list. */
  public static final int MAX_ADDRESSES = 50;
  /** Family byte of an IPv4 address. */
  public static final int IPV4 = 4;
  /** Family byte of an IPv6 address. */
  public static final int IPV6 = 6;
  /** Added count (1), dropped count (1), and at most 1 + 16 + 2 bytes per address. */
  public static final int MAX_BODY_LENGTH = 1 + 1 + 2 * MAX_ADDRESSES * (1 + 16 + 2);

  /**
   * Copies both lists.
   *
   * @throws IllegalArgumentException if a list is too long, or an address is unresolved, has
   *     port 0 or is neither IPv4 nor IPv6
   */
  public PeerExchange {
    added = check("added", added);
    dropped = check("dropped", dropped);
  }

  @Override
  public MessageType type() {
    return MessageType.PEER_EXCHANGE;
  }

  @Override
  public int bodyLength() {
    return 2 + length(added) + length(dropped);
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    put(added, out);
    put(dropped, out);
  }

  /** Decodes a peer-exchange body; see {@link MessageType#decodeBody}. */
  public static PeerExchange decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.PEER_EXCHANGE, body);
    List<InetSocketAddress> added = get(r, "added");
    List<InetSocketAddress> dropped = get(r, "dropped");
    r.finish();
    return new PeerExchange(added, dropped);
  }

  private static List<InetSocketAddress> check(String list, List<InetSocketAddress> addresses) {
    List<InetSocketAddress> copy = List.copyOf(addresses);
    if (copy.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException(
          list + " count " + copy.size() + " over the maximum " + MAX_ADDRESSES);
    }
    for (int i = 0; i < copy.size(); i++) {
      InetSocketAddress a = copy.get(i);
      if (a.isUnresolved()
          || !(a.getAddress() instanceof Inet4Address || a.getAddress() instanceof Inet6Address)) {
        throw new IllegalArgumentException(list + " address " + i + " " + a
            + " is not a resolved IPv4 or IPv6 address");
      }
      if (a.getPort() == 0) {
        throw new IllegalArgumentException(list + " address " + i + " " + a + " has port 0");
      }
    }
    return copy;
  }

  private static int length(List<InetSocketAddress> addresses) {
    int length = 0;
    for (InetSocketAddress a : addresses) {
      length += 1 + a.getAddress().getAddress().length + 2;
    }
    return length;
  }

  private static void put(List<InetSocketAddress> addresses, ByteBuffer out) {
    out.put((byte) addresses.size());
    for (InetSocketAddress a : addresses) {
      byte[] raw = a.getAddress().getAddress(); // an Inet6Address's scope is not sent
      out.put((byte) (raw.length == 4 ? IPV4 : IPV6)).put(raw).putShort((short) a.getPort());
    }
  }

  private static List<InetSocketAddress> get(BodyReader r, String list)
      throws ProtocolException {
    int count = r.getUnsignedByte(list + " count");
    r.checkCount(list + " count", count, MAX_ADDRESSES);
    List<InetSocketAddress> addresses = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String field = list + " address " + i;
      int family = r.getUnsignedByte(field + " family");
      int length;
      if (family == IPV4) {
        length = 4;
      } else if (family == IPV6) {
        length = 16;
      } else {
        throw r.error(field + " has family " + family + ", expected " + IPV4 + " (IPv4) or "
            + IPV6 + " (IPv6)");
      }
      byte[] raw = r.getBytes(field, length);
      int port = r.getUnsignedShort(field + " port");
      InetAddress address;
      try {
        address = InetAddress.getByAddress(raw); // a literal: no name lookup
      } catch (UnknownHostException e) {
        throw new AssertionError("4 or 16 bytes are always an address", e);
      }
      if (family == IPV6 && address instanceof Inet4Address) {
        // Java turns ::ffff:a.b.c.d into IPv4; refusing it keeps one encoding per address.
        throw r.error(field + " " + address.getHostAddress()
            + " is an IPv4-mapped IPv6 address; IPv4 is sent with family " + IPV4);
      }
      if (port == 0) {
        throw r.error(field + " " + address.getHostAddress() + " has port 0");
      }
      addresses.add(new InetSocketAddress(address, port));
    }
    return addresses;
  }
}
