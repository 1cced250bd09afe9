package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;

/** Where the {@link DhtEngine} puts datagrams it sends: a UDP socket, or an in-memory network in tests. */
@FunctionalInterface
public interface DatagramSender {

  void send(InetSocketAddress to, byte[] datagram);
}
