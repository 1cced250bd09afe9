package io.swarmtv.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserException("demo: pending");
  }
}
