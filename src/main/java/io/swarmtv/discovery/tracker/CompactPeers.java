package io.swarmtv.discovery.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Peers in compact form: 4 (IPv4, BEP 23) or 16 (IPv6, BEP 7) address bytes and a big-endian port
 * each. Port 0 entries are skipped, since no one can be reached there.
 */
final class CompactPeers {
  private CompactPeers() {}

  /** Reads {@code data[off, off+len)} as entries of {@code addressLength} + 2 bytes. */
  static List<InetSocketAddress> parse(byte[] data, int off, int len, int addressLength) {
    int entry = addressLength + 2;
    if (len % entry != 0) {
      throw new TrackerException("tracker reply's compact peers of " + len + " bytes are not a whole number of "
          + entry + "-byte entries");
    }
    List<InetSocketAddress> peers = new ArrayList<>(len / entry);
    byte[] address = new byte[addressLength];
    for (int at = off; at < off + len; at += entry) {
      System.arraycopy(data, at, address, 0, addressLength);
      int port = ((data[at + addressLength] & 0xff) << 8) | (data[at + addressLength + 1] & 0xff);
      if (port != 0) {
        peers.add(new InetSocketAddress(ip(address), port));
      }
    }
    return peers;
  }

  static InetAddress ip(byte[] address) {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + address.length + " bytes", e); // lengths are 4 or 16
    }
  }
}
