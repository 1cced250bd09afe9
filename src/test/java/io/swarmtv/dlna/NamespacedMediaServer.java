package io.swarmtv.dlna;

import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.VideoFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MediaServer in its own process, for tests that run it inside a network namespace beside
 * real control points. Arguments: data directory, interface, HTTP port, friendly name. Prints
 * {@code READY <udn> <description url>}, then reads commands from stdin: {@code channels
 * id|name|logo;...} replaces the channel list (logo may be empty), {@code quit} stops.
 */
public final class NamespacedMediaServer {
  private NamespacedMediaServer() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String iface = args[1];
    int httpPort = Integer.parseInt(args[2]);
    String name = args[3];
    StreamFeatures features = new StreamFeatures(DlnaFlags.LIVE, Map.of("TestTV", DlnaFlags.LIVE_WINDOW));
    try (UpnpStack upnp = UpnpStack.start(List.of(iface), 0);
        MediaServer server = MediaServer.start(upnp, new MediaServerSettings(name, data, httpPort, features), List.of())) {
      System.out.println("READY " + server.udn() + " " + server.descriptionUrls().get(0));
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("quit")) {
          break;
        }
        if (line.startsWith("channels ")) {
          server.updateChannels(parse(line.substring("channels ".length())));
          System.out.println("OK");
          System.out.flush();
        }
      }
    }
    System.out.println("STOPPED");
    System.out.flush();
  }

  /** H.264 Main 854x480 with AAC, like the bundled demo clip. */
  static final LiveStreamFormat DEMO_FORMAT = new LiveStreamFormat(
      new VideoFormat(StreamType.H264, 854, 480, 25, "Main", "avc1.4d401e"), List.of(StreamType.AAC));

  private static List<DlnaChannel> parse(String spec) {
    List<DlnaChannel> channels = new ArrayList<>();
    for (String c : spec.split(";")) {
      if (c.isBlank()) {
        continue;
      }
      String[] f = c.split("\\|", -1);
      channels.add(new DlnaChannel(f[0], f[1], f.length > 2 && !f[2].isEmpty() ? URI.create(f[2]) : null, DEMO_FORMAT));
    }
    return channels;
  }
}
