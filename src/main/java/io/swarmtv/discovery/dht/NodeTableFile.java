package io.swarmtv.discovery.dht;

import io.swarmtv.config.AtomicFile;
import io.swarmtv.discovery.bencode.BDictionary;
import io.swarmtv.discovery.bencode.BencodeDecoder;
import io.swarmtv.discovery.bencode.BencodeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Our node id and routing table kept between runs, so a restart rejoins from known nodes at once
 * instead of waiting on the bootstrap routers. One bencoded dictionary: {@code id} (20 bytes) and
 * {@code nodes} (compact node info); written atomically (temp file, fsync, rename).
 */
public final class NodeTableFile {
  /** The file's name inside the data directory. */
  public static final String NAME = "dht-nodes.bencode";
  /** A larger file is not ours: a full table is 160 buckets of 8 nodes of 26 bytes. */
  static final int MAX_BYTES = 64 * 1024;

  /** What was saved: our id and the nodes we knew. */
  public record Saved(NodeId id, List<NodeContact> nodes) {
    public Saved {
      nodes = List.copyOf(nodes);
    }
  }

  private NodeTableFile() {}

  /**
   * Reads the saved table; null when there is none.
   *
   * @throws IOException when the file cannot be read or is not a node table (the message says why)
   */
  public static Saved read(Path file) throws IOException {
    byte[] b;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > MAX_BYTES) {
        throw new IOException(file + " is " + ch.size() + " bytes, more than a node table's " + MAX_BYTES);
      }
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      BDictionary d = BencodeDecoder.decodeDictionary(b, 0, b.length);
      byte[] id = d.bytes("id");
      if (id.length != NodeId.LENGTH) {
        throw new IOException(file + " is not a DHT node table: 'id' is " + id.length + " bytes, not " + NodeId.LENGTH);
      }
      return new Saved(NodeId.of(id), CompactAddresses.nodes(d.bytes("nodes")));
    } catch (BencodeException | IllegalArgumentException e) {
      throw new IOException(file + " is not a DHT node table: " + e.getMessage(), e);
    }
  }

  /** Writes {@code id} and {@code nodes} to {@code file} atomically. */
  public static void write(Path file, NodeId id, List<NodeContact> nodes) throws IOException {
    byte[] b = BDictionary.builder().put("id", id.bytes()).put("nodes", CompactAddresses.nodes(nodes))
        .build().encode();
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFile.replace(file, b);
  }
}
