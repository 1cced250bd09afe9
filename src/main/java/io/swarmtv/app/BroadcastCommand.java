package io.swarmtv.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "broadcast", mixinStandardHelpOptions = true)
final class BroadcastCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserException("broadcast: pending");
  }
}
