package io.swarmtv.discovery.lan;

import io.swarmtv.discovery.ChannelDiscovery;
import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.discovery.TwoSwarms;
import io.swarmtv.discovery.tracker.TrackerSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Two gateways in one house, for {@link LanDiscoveryTest}: run inside a network namespace the test
 * made (loopback with multicast), with no tracker and no DHT. The broadcaster starts, hostile
 * datagrams hit the group, then the viewer starts; it prints what happened and exits 0 if the
 * viewer found the broadcaster by LAN discovery alone and played its chunks.
 */
public final class LanPairMain {
  private LanPairMain() {}

  public static void main(String[] args) throws Exception {
    MicrosClock clock = MicrosClock.system();
    var lo = LanInterfaces.named(List.of("lo"));
    int status = 1;
    try (TwoSwarms swarms = new TwoSwarms(InetAddress.getLoopbackAddress());
        LanDiscovery lanA = LanDiscovery.start(lo, LanDiscovery.BEP14_GROUP, clock);
        LanDiscovery lanB = LanDiscovery.start(lo, LanDiscovery.BEP14_GROUP, clock);
        PeerDiscovery atSource = PeerDiscovery.start(List.of(), TrackerSettings.DEFAULT, clock)
            .addFinder(PeerSource.LAN, lanA);
        PeerDiscovery atViewer = PeerDiscovery.start(List.of(), TrackerSettings.DEFAULT, clock)
            .addFinder(PeerSource.LAN, lanB)) {
      ChannelDiscovery source = atSource.join(swarms.infoHash(), swarms.sourcePort(), List.of(), true,
          swarms.source()::addPeer);
      Thread.sleep(2500); // the broadcaster's own announcements are over: the viewer must be answered
      sendGarbage();
      long joined = System.nanoTime();
      ChannelDiscovery viewer = atViewer.join(swarms.infoHash(), swarms.viewerPort(), List.of(), false,
          swarms.viewer()::addPeer);
      long foundAt = -1;
      while (System.nanoTime() - joined < 20_000_000_000L && swarms.received() < 25) {
        if (foundAt < 0 && byLan(swarms) > 0) {
          foundAt = System.nanoTime();
        }
        Thread.sleep(10);
      }
      System.out.println("lan interfaces " + lanA.interfaceNames());
      System.out.println("the two met by LAN " + (foundAt < 0 ? "never" : (foundAt - joined) / 1_000_000 + " ms")
          + " after joining");
      System.out.println("viewer sources " + swarms.viewerSources());
      System.out.println("viewer received " + swarms.received() + " chunks");
      System.out.println("viewer discovery " + viewer.status());
      System.out.println("source sources " + swarms.source().peerSources());
      System.out.println("source discovery " + source.status());
      status = swarms.received() >= 25 && byLan(swarms) >= 1 ? 0 : 1;
    }
    System.exit(status);
  }

  /**
   * Addresses learned by LAN on either side. Whichever hears the other first dials it, and the
   * other then knows that peer as INCOMING, so which side counts the LAN find is a race.
   */
  private static int byLan(TwoSwarms swarms) {
    return swarms.viewerSources().getOrDefault(PeerSource.LAN, 0)
        + swarms.source().peerSources().getOrDefault(PeerSource.LAN, 0);
  }

  /** What a broken or hostile neighbour might send to the group: none of it may stop discovery. */
  private static void sendGarbage() throws Exception {
    Random random = new Random(1);
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] noise = new byte[300];
      random.nextBytes(noise);
      byte[] huge = new byte[9000];
      byte[] badHash = ("BT-SEARCH * HTTP/1.1\r\nHost: x\r\nPort: 1\r\nInfohash: nothex\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      for (byte[] d : List.of(noise, huge, badHash, new byte[0])) {
        s.send(new DatagramPacket(d, d.length, LanDiscovery.BEP14_GROUP));
      }
    }
  }
}
