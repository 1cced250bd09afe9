package io.swarmtv.ingest;

import io.swarmtv.ts.PacketSource;
import java.io.IOException;

/** Opens the packet source a {@link PacedFeed} plays; called again each time a looping feed starts over. */
@FunctionalInterface
public interface PacketSourceOpener {

  PacketSource open() throws IOException;
}
