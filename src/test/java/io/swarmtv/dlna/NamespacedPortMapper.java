package io.swarmtv.dlna;

import io.swarmtv.ingest.MicrosClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A PortMapper in its own process, for tests that run it in a network namespace beside a real
 * router (miniupnpd). Arguments: interface, port, lease seconds. Prints a {@code STATUS} line
 * whenever the status changes; {@code quit} on stdin removes the mapping, prints the final
 * status and {@code CLOSED}.
 */
public final class NamespacedPortMapper {
  private NamespacedPortMapper() {}

  public static void main(String[] args) throws Exception {
    String iface = args[0];
    int port = Integer.parseInt(args[1]);
    Duration lease = Duration.ofSeconds(Long.parseLong(args[2]));
    try (UpnpStack upnp = UpnpStack.start(List.of(iface), 0)) {
      PortMapper mapper = PortMapper.start(upnp, port, "swarmtv peer port", lease, MicrosClock.system());
      Thread printer = new Thread(() -> {
        PortMappingStatus last = null;
        while (!Thread.currentThread().isInterrupted()) {
          PortMappingStatus s = mapper.status();
          if (!s.equals(last)) {
            print(s);
            last = s;
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      printer.setDaemon(true);
      printer.start();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
        // only quit is understood
      }
      printer.interrupt();
      printer.join();
      mapper.close();
      print(mapper.status());
    }
    System.out.println("CLOSED");
    System.out.flush();
  }

  private static void print(PortMappingStatus s) {
    System.out.println("STATUS " + s.state() + " external=" + (s.externalAddress() == null ? "-" : s.externalAddress().getHostAddress())
        + " internal=" + (s.internalAddress() == null ? "-" : s.internalAddress().getHostAddress())
        + " reachable=" + s.reachable() + " renewed=" + s.renewedAtMicros() + " detail=" + s.detail());
    System.out.flush();
  }
}
