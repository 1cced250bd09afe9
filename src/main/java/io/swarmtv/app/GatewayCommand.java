package io.swarmtv.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code swarmtv gateway}: the home appliance role, not built yet. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {
      "Joins swarms for the household's TVs and serves HLS, MPEG-TS and DLNA.",
      "Not built yet: this release has the channel tools (keygen, probe) and the broadcaster's ingest."
    })
final class GatewayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserException("the gateway role is not built yet; this release has 'keygen', 'probe',"
        + " 'broadcast' (ingest and signing) and 'demo'");
  }
}
