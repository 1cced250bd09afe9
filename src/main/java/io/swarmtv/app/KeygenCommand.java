package io.swarmtv.app;

import io.swarmtv.channel.ChannelKey;
import io.swarmtv.channel.ChannelLink;
import io.swarmtv.channel.InvalidLinkException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarmtv keygen}: makes a channel's key and prints the link viewers join it by. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {
      "Creates a channel key (Ed25519) and prints the channel link.",
      "The key file is the channel: keep it private and backed up; it is never overwritten."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the private key (PEM, mode 0600).")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", description = "The channel's name, carried in its link.")
  String name;

  @Option(names = "--tracker", paramLabel = "URL",
      description = "A BitTorrent tracker to put in the link (http, https or udp); repeatable.")
  List<String> trackers = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<URI> uris = new ArrayList<>();
    for (String t : trackers) {
      try {
        uris.add(new URI(t));
      } catch (URISyntaxException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--tracker '" + t + "' is not a URL: " + e.getReason());
      }
    }
    ChannelKey key = ChannelKey.generate();
    ChannelLink link;
    try {
      link = new ChannelLink(key.id(), name, uris);
    } catch (InvalidLinkException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserException("the folder " + parent + " does not exist; create it first");
    }
    try {
      key.write(out);
    } catch (FileAlreadyExistsException e) {
      throw new UserException(out + " already exists; a channel key is never overwritten (choose another --out)");
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println(link);
    w.flush();
    spec.commandLine().getErr().println("wrote the channel key to " + out + " (keep it private: it is the channel)");
    return 0;
  }
}
