package io.swarmtv.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "keygen", mixinStandardHelpOptions = true)
final class KeygenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserException("keygen: pending");
  }
}
