package io.swarmtv.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files so that a crash at any moment leaves either the old content or the new, never a
 * torn or empty file: write a temporary file beside the target, fsync it, then rename (or link)
 * it into place and fsync the directory.
 */
public final class AtomicFile {
  /** Readable and writable by the owner only: keys, identities, state. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private AtomicFile() {}

  /** Replaces {@code file} (or creates it) with {@code content}, readable by its owner only. */
  public static void replace(Path file, byte[] content) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temp = writeTemp(absolute, content);
    try {
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(absolute.getParent());
  }

  /**
   * Creates {@code file} with {@code content}, readable by its owner only, failing if it exists.
   *
   * @throws FileAlreadyExistsException if {@code file} exists, even as a dangling link
   */
  public static void createNew(Path file, byte[] content) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temp = writeTemp(absolute, content);
    try {
      // link(2) publishes the finished file atomically and, unlike rename(2), fails if the target
      // exists, so a concurrent writer cannot be overwritten.
      Files.createLink(absolute, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(absolute.getParent());
  }

  /**
   * Reads {@code file} whole, refusing one larger than {@code maxBytes} before reading it.
   *
   * @param what what the file is, for the error message ("config file", "channel list")
   * @throws NoSuchFileException if it does not exist
   * @throws IOException if it is too large, naming the file, its size and the bound
   */
  public static byte[] readBounded(Path file, long maxBytes, String what) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(what + " " + file + " is " + size + " bytes, more than the "
          + maxBytes + " it may have");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // Read at most one byte past the bound, in case the file grew since the size check.
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1, size + 1));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading
      }
      if (buffer.position() > maxBytes) {
        throw new IOException(what + " " + file + " is more than " + maxBytes + " bytes");
      }
      byte[] out = new byte[buffer.position()];
      buffer.flip().get(out);
      return out;
    }
  }

  private static Path writeTemp(Path absolute, byte[] content) throws IOException {
    Path dir = absolute.getParent();
    // Created 0600 from the start (umask can only remove bits), so a secret is never readable by
    // others, not even briefly.
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static void syncDirectory(Path dir) {
    // Makes the new name durable; not every platform can open a directory, and the file itself
    // is already on disk, so failing here is not worth failing the write.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort
    }
  }
}
