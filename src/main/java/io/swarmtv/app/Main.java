package io.swarmtv.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.swarmtv.config.ConfigException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code swarmtv} command line: one program, one subcommand per role or tool. */
@Command(
    name = "swarmtv",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Peer-to-peer live TV: broadcast a channel, watch it at home over HLS, MPEG-TS and DLNA.",
    subcommands = {
      DemoCommand.class,
      BroadcastCommand.class,
      GatewayCommand.class,
      KeygenCommand.class,
      ProbeCommand.class,
      SimulateCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (the message says what to do)", "2:bad usage"})
public final class Main implements Runnable {
  private static volatile boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log debug detail and print stack traces on errors.")
  void setVerbose(boolean value) {
    verbose = value;
    if (value) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
    }
  }

  static boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, broadcast, gateway, keygen or probe");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(Main::handle);
    try {
      GatewayCommand.readConfig(cl, args);
    } catch (ConfigException e) {
      err.println("swarmtv gateway: " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
    CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((e, rest) -> {
      // A bad value that came from a config file, not the command line: say which line.
      CommandLine.Model.ArgSpec arg = e.getArgSpec();
      if (arg instanceof CommandLine.Model.OptionSpec o && o.command().defaultValueProvider() instanceof ConfigDefaults d
          && d.where(o) != null && (e.getCommandLine().getParseResult() == null
          || !e.getCommandLine().getParseResult().hasMatchedOption(o))) {
        e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + d.where(o)
            + ": " + e.getMessage());
        return CommandLine.ExitCode.USAGE;
      }
      return usage.handleParseException(e, rest);
    });
    return cl.execute(args);
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    String who = cl.getCommandSpec().qualifiedName();
    if (e instanceof UserException || e instanceof java.io.IOException) {
      err.println(who + ": " + message(e));
    } else {
      err.println(who + ": internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static String message(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
