package io.swarmtv.app;

import io.swarmtv.discovery.PeerDiscovery;
import io.swarmtv.discovery.PublicTrackers;
import io.swarmtv.discovery.lan.LanDiscovery;
import io.swarmtv.discovery.lan.LanInterfaces;
import io.swarmtv.discovery.tracker.TrackerClients;
import io.swarmtv.discovery.tracker.TrackerSettings;
import io.swarmtv.ingest.MicrosClock;
import io.swarmtv.swarm.PeerSource;
import io.swarmtv.discovery.dht.DhtNode;
import io.swarmtv.discovery.dht.DhtSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a role finds peers: trackers, the LAN, the DHT, and whether public trackers and routers are used. */
final class DiscoveryOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--tracker", paramLabel = "URL", split = ",",
      description = "A BitTorrent tracker (http, https or udp) to announce to, besides the public ones and the link's; "
          + "repeatable.")
  List<String> trackers = new ArrayList<>();

  @Option(names = "--no-public",
      description = "Use no public tracker (and no public DHT router): only --tracker, the link's own trackers and "
          + "the LAN.")
  boolean noPublic;

  @Option(names = "--interface", paramLabel = "NAME", split = ",",
      description = "A network interface for LAN discovery; repeatable (default: the host's private-address LAN "
          + "interfaces, never loopback).")
  List<String> interfaces = new ArrayList<>();

  @Option(names = "--no-lan", description = "Do not look for peers on the local network by multicast.")
  boolean noLan;

  @Option(names = "--no-dht", description = "Do not look for peers in the Mainline DHT.")
  boolean noDht;

  @Option(names = "--dht-node", paramLabel = "HOST:PORT", converter = HostPort.class, split = ",",
      description = "A DHT node to join the DHT through, besides the public routers; repeatable.")
  List<InetSocketAddress> dhtNodes = new ArrayList<>();

  /** False under {@code --no-public}: no public trackers, and no public DHT routers either. */
  boolean usePublic() {
    return !noPublic;
  }

  /** The {@code --tracker} URLs, checked. */
  List<URI> extraTrackers() {
    List<URI> out = new ArrayList<>();
    for (String t : trackers) {
      URI uri;
      try {
        uri = new URI(t);
      } catch (URISyntaxException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--tracker '" + t + "' is not a URL: " + e.getReason());
      }
      if (!TrackerClients.supports(uri)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--tracker '" + t + "' is not an http, https or udp URL with a host");
      }
      if (!out.contains(uri)) {
        out.add(uri);
      }
    }
    return out;
  }

  /**
   * Starts discovery: the public trackers unless {@code --no-public}, the {@code --tracker}s, LAN
   * multicast on the chosen interfaces unless {@code --no-lan}, and a DHT node on UDP
   * {@code dhtPort} of {@code bind} unless {@code --no-dht}, keeping its node table in
   * {@code dataDir} (null: nowhere). Says what it runs on {@code err}.
   */
  PeerDiscovery start(MicrosClock clock, PrintWriter err, InetAddress bind, int dhtPort, Path dataDir) {
    if (noLan && !interfaces.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--interface and --no-lan contradict each other");
    }
    List<URI> common = new ArrayList<>(noPublic ? List.of() : PublicTrackers.DEFAULT);
    extraTrackers().stream().filter(t -> !common.contains(t)).forEach(common::add);
    List<NetworkInterface> lan = List.of();
    if (!noLan) {
      try {
        lan = interfaces.isEmpty() ? LanInterfaces.homeNetwork() : LanInterfaces.named(interfaces);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--interface: " + e.getMessage());
      }
    }
    PeerDiscovery discovery = PeerDiscovery.start(common, TrackerSettings.DEFAULT, clock);
    String lanText = "off";
    if (!lan.isEmpty()) {
      try {
        LanDiscovery l = LanDiscovery.start(lan, LanDiscovery.BEP14_GROUP, clock);
        discovery.addFinder(PeerSource.LAN, l).closeWith(l);
        lanText = String.join(", ", l.interfaceNames());
      } catch (IllegalStateException e) {
        discovery.close();
        throw new UserException(e.getMessage() + "; name other interfaces with --interface, or turn it off with --no-lan");
      }
    } else if (!noLan) {
      lanText = "off (no private-address LAN interface found; name one with --interface)";
    }
    String dhtText = "off";
    if (!noDht) {
      List<InetSocketAddress> bootstrap = new ArrayList<>(noPublic ? List.of() : DhtSettings.PUBLIC_ROUTERS);
      bootstrap.addAll(dhtNodes);
      DhtNode dht;
      try {
        dht = DhtNode.start(DhtSettings.of(bind, dhtPort, bootstrap, dataDir));
      } catch (IOException e) {
        discovery.close();
        throw new UserException("cannot open UDP port " + dhtPort + " for the DHT (" + e.getMessage()
            + "); free it, or turn the DHT off with --no-dht");
      }
      discovery.addFinder(PeerSource.DHT, (hash, port, found) -> dht.track(hash.bytes(), port, found)).closeWith(dht);
      dhtText = "UDP " + dht.localAddress().getPort() + (bootstrap.isEmpty()
          ? ", no bootstrap node (--dht-node names one)" : ", " + bootstrap.size() + " bootstrap node"
          + (bootstrap.size() == 1 ? "" : "s"));
    }
    err.println("discovery: " + (common.isEmpty() ? "no common trackers" : common.size() + " tracker"
        + (common.size() == 1 ? "" : "s") + (noPublic ? "" : " (public ones included; --no-public turns them off)"))
        + " | LAN " + lanText + " | DHT " + dhtText);
    err.flush();
    return discovery;
  }
}
