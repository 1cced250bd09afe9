package io.swarmtv.app;

import io.swarmtv.swarm.net.PeerTransport;
import io.swarmtv.swarm.net.PeerTransportSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;

/** Opens the peer port for a role, with an error that says which option to change. */
final class PeerTransports {
  private PeerTransports() {}

  static PeerTransport start(int port, InetAddress bind, String option) throws IOException {
    if (port < 0 || port > 65535) {
      throw new UserException(option + " " + port + " is not a port (0..65535)");
    }
    PeerTransportSettings settings = PeerTransportSettings.DEFAULT.withPort(port);
    if (bind != null) {
      settings = settings.withBindAddress(bind);
    }
    try {
      return PeerTransport.start(settings);
    } catch (BindException e) {
      throw new UserException("cannot listen on peer port " + port + (bind == null ? "" : " of " + bind.getHostAddress())
          + ": " + e.getMessage() + "; choose another with " + option);
    }
  }
}
