package io.swarmtv.ingest;

import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MPEG-TS over UDP, unicast or multicast, each packet stamped with its datagram's arrival time.
 * Datagrams may carry an RTP header, which is stripped; ones larger than {@link #MAX_DATAGRAM} are
 * dropped and counted; ones not made of whole packets are realigned ({@link DatagramRealigner}).
 * A source that falls silent is waited for: only closing ends the feed.
 */
public final class UdpFeed implements Feed {
  /**
   * Largest datagram taken: TS senders put 7 packets in one (1316 bytes, 1328 with RTP); this
   * leaves room for jumbo frames while refusing whatever else is sent to the port.
   */
  public static final int MAX_DATAGRAM = 16 * 1024;

  private static final Logger log = LoggerFactory.getLogger(UdpFeed.class);

  private static final int RTP_VERSION_2 = 0x80;
  private static final int RTP_PAYLOAD_MP2T = 33;
  private static final int RTP_HEADER = 12;

  private final UdpFeedAddress address;
  private final DatagramSocket socket;
  private final MicrosClock clock;
  private final DatagramRealigner realigner = new DatagramRealigner(MAX_DATAGRAM);
  private volatile boolean closed;
  private volatile long datagrams;
  private volatile long dropped;

  private UdpFeed(UdpFeedAddress address, DatagramSocket socket, MicrosClock clock) {
    this.address = address;
    this.socket = socket;
    this.clock = clock;
  }

  /** Binds the port and joins the group now, so that nothing sent from here on is missed. */
  public static UdpFeed open(UdpFeedAddress address, MicrosClock clock) throws FeedException {
    DatagramSocket socket = address.multicast() ? joinGroup(address) : bind(address);
    try {
      socket.setReceiveBufferSize(address.receiveBufferBytes());
      int granted = socket.getReceiveBufferSize();
      if (granted < address.receiveBufferBytes()) {
        // Linux caps the buffer at net.core.rmem_max; bursts beyond what it holds are lost.
        log.info("{}: kernel granted a {} byte receive buffer of the {} asked", address, granted, address.receiveBufferBytes());
      }
    } catch (SocketException e) {
      log.warn("{}: cannot size the receive buffer: {}", address, e.getMessage());
    }
    return new UdpFeed(address, socket, clock);
  }

  private static DatagramSocket bind(UdpFeedAddress address) throws FeedException {
    InetSocketAddress local = address.host() == null
        ? new InetSocketAddress(address.port())
        : new InetSocketAddress(address.host(), address.port());
    try {
      DatagramSocket socket = new DatagramSocket(null);
      try {
        socket.bind(local);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    } catch (BindException e) {
      throw new FeedException("cannot listen on " + address + ": " + bindProblem(address, e), e);
    } catch (IOException e) {
      throw new FeedException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  private static String bindProblem(UdpFeedAddress address, BindException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("in use")) {
      return "port " + address.port() + " is already in use";
    }
    if (message.contains("assign")) {
      return address.host().getHostAddress() + " is not an address of this machine";
    }
    return message;
  }

  private static DatagramSocket joinGroup(UdpFeedAddress address) throws FeedException {
    NetworkInterface nif = networkInterface(address);
    MulticastSocket socket = null;
    try {
      socket = new MulticastSocket(null);
      socket.setReuseAddress(true); // several receivers of one group on one host
      try {
        // Bound to the group, the socket gets only the group's traffic, not unicast to the port.
        socket.bind(new InetSocketAddress(address.host(), address.port()));
      } catch (SocketException e) {
        socket.bind(new InetSocketAddress(address.port())); // systems that cannot bind a group address
      }
      socket.joinGroup(new InetSocketAddress(address.host(), 0), nif);
      return socket;
    } catch (IOException e) {
      if (socket != null) {
        socket.close();
      }
      throw new FeedException("cannot join multicast group " + address.host().getHostAddress() + " port " + address.port()
          + (nif == null ? "" : " on interface " + nif.getName()) + ": " + e.getMessage(), e);
    }
  }

  /** The interface named in the address, or null to let the kernel pick by its routes. */
  private static NetworkInterface networkInterface(UdpFeedAddress address) throws FeedException {
    try {
      if (address.interfaceName() != null) {
        NetworkInterface nif = NetworkInterface.getByName(address.interfaceName());
        if (nif == null) {
          throw new FeedException("no network interface named '" + address.interfaceName() + "' for " + address);
        }
        return nif;
      }
      if (address.interfaceAddress() != null) {
        NetworkInterface nif = NetworkInterface.getByInetAddress(address.interfaceAddress());
        if (nif == null) {
          throw new FeedException("no network interface has the address "
              + address.interfaceAddress().getHostAddress() + " given by localaddr= in " + address);
        }
        return nif;
      }
      return null;
    } catch (SocketException e) {
      throw new FeedException("cannot look up network interfaces for " + address + ": " + e.getMessage(), e);
    }
  }

  /** The local address and port the socket is bound to. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public void run(PacketSink sink) throws IOException {
    // One byte more than allowed, so that a datagram the kernel had to cut short shows as too long.
    byte[] buf = new byte[MAX_DATAGRAM + 1];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (!closed) {
      packet.setData(buf, 0, buf.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        throw new FeedException("receiving on " + address + " failed: " + e.getMessage(), e);
      }
      long arrival = clock.nowMicros();
      datagrams++;
      int length = packet.getLength();
      if (length > MAX_DATAGRAM) {
        dropped++;
        continue;
      }
      int start = rtpPayloadStart(buf, length);
      int end = length;
      if (start > 0 && (buf[0] & 0x20) != 0) {
        end = Math.max(start, length - (buf[length - 1] & 0xFF)); // RTP padding, its length in the last byte
      }
      realigner.accept(buf, start, end - start, arrival, sink);
    }
  }

  /** Where the TS starts in a datagram: after an RTP header announcing MPEG-TS, else at 0. */
  static int rtpPayloadStart(byte[] b, int length) {
    if (length < RTP_HEADER + TsPacket.SIZE || (b[0] & 0xFF) == TsPacket.SYNC) {
      return 0;
    }
    if ((b[0] & 0xC0) != RTP_VERSION_2 || (b[1] & 0x7F) != RTP_PAYLOAD_MP2T) {
      return 0;
    }
    int header = RTP_HEADER + 4 * (b[0] & 0x0F);
    if ((b[0] & 0x10) != 0 && header + 4 <= length) {
      header += 4 + 4 * (((b[header + 2] & 0xFF) << 8) | (b[header + 3] & 0xFF));
    }
    return header < length && (b[header] & 0xFF) == TsPacket.SYNC ? header : 0;
  }

  /** Datagrams received, dropped ones included. */
  public long datagrams() {
    return datagrams;
  }

  /** Datagrams that were not a whole number of aligned packets, and were realigned. */
  public long partialDatagrams() {
    return realigner.partialDatagrams();
  }

  @Override
  public long datagramsDropped() {
    return dropped;
  }

  @Override
  public long skippedBytes() {
    return realigner.skippedBytes();
  }

  @Override
  public long resyncs() {
    return realigner.resyncs();
  }

  @Override
  public String description() {
    return address.toString();
  }

  @Override
  public void close() {
    closed = true;
    socket.close(); // a blocked receive fails, and run sees it was closed
  }
}
