package io.swarmtv.channel;

import io.swarmtv.config.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** A channel's Ed25519 private key, which its broadcaster holds, and its {@link ChannelId}. */
public final class ChannelKey {
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";
  // A PEM Ed25519 key is 119 bytes; anything much bigger is the wrong file.
  private static final long MAX_FILE_SIZE = 64 * 1024;

  private final byte[] seed;
  private final ChannelId id;

  private ChannelKey(byte[] seed) {
    this.seed = seed;
    byte[] publicKey = new byte[ChannelId.LENGTH];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    this.id = ChannelId.of(publicKey);
  }

  /** A new key from the platform's strong random source. */
  public static ChannelKey generate() {
    byte[] seed = new byte[Pkcs8Ed25519.SEED_LENGTH];
    new SecureRandom().nextBytes(seed);
    return new ChannelKey(seed);
  }

  /** The channel this key signs for. */
  public ChannelId id() {
    return id;
  }

  /** The Ed25519 signature of {@code message} (64 bytes; deterministic). */
  public byte[] sign(byte[] message) {
    return Ed25519Signatures.sign(seed, id.rawBytes(), message);
  }

  /**
   * Writes the key as an unencrypted PEM PKCS#8 file ({@code -----BEGIN PRIVATE KEY-----}, as
   * {@code openssl genpkey -algorithm ed25519} writes it), readable by its owner only.
   *
   * <p>The file appears complete or not at all, and an existing file is never replaced: losing a
   * channel key loses the channel, since its id is the public key.
   *
   * @throws FileAlreadyExistsException if {@code file} exists (even as a dangling link)
   * @throws UnsupportedOperationException if the file system has no POSIX permissions
   */
  public void write(Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw refuseOverwrite(file);
    }
    byte[] der = Pkcs8Ed25519.encode(seed);
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    byte[] pem = (PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(der, (byte) 0);
    try {
      AtomicFile.createNew(file, pem);
    } catch (FileAlreadyExistsException e) {
      throw refuseOverwrite(file);
    } finally {
      Arrays.fill(pem, (byte) 0);
    }
  }

  /**
   * Reads a key written by {@link #write} or by OpenSSL.
   *
   * @throws NoSuchFileException if there is no such file
   * @throws InvalidKeyFileException saying why the file is not an unencrypted PEM PKCS#8 Ed25519
   *     private key
   */
  public static ChannelKey read(Path file) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "channel key file does not exist");
    }
    if (size > MAX_FILE_SIZE) {
      throw new InvalidKeyFileException(
          file, "too large to be a channel key (" + size + " bytes)");
    }
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.US_ASCII.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidKeyFileException(file, "not a PEM file (binary content)");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    byte[] der = pemBody(file, text);
    Pkcs8Ed25519.Contents contents;
    try {
      contents = Pkcs8Ed25519.decode(der);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException(file, e.getMessage());
    } finally {
      Arrays.fill(der, (byte) 0);
    }
    ChannelKey key = new ChannelKey(contents.seed());
    if (contents.publicKey() != null && !Arrays.equals(contents.publicKey(), key.id.rawBytes())) {
      throw new InvalidKeyFileException(
          file, "the public key in the file does not match its private key");
    }
    return key;
  }

  /** Equal when the private keys are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelKey other && MessageDigest.isEqual(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Names the channel only; the secret never appears in logs. */
  @Override
  public String toString() {
    return "ChannelKey[" + id + "]";
  }

  private static byte[] pemBody(Path file, String text) throws InvalidKeyFileException {
    int begin = text.indexOf(PEM_BEGIN);
    if (begin < 0) {
      int other = text.indexOf("-----BEGIN ");
      if (other >= 0) {
        int close = text.indexOf("-----", other + 11);
        String type = close < 0 ? "?" : text.substring(other + 11, close);
        throw new InvalidKeyFileException(file, "PEM block is '" + type
            + "', expected 'PRIVATE KEY' (an unencrypted PKCS#8 Ed25519 key)");
      }
      throw new InvalidKeyFileException(file, "not a PEM file (no " + PEM_BEGIN + " line)");
    }
    int bodyStart = begin + PEM_BEGIN.length();
    int end = text.indexOf(PEM_END, bodyStart);
    if (end < 0) {
      throw new InvalidKeyFileException(file, "PEM block has no " + PEM_END + " line");
    }
    String body = text.substring(bodyStart, end).replaceAll("[ \\t\\r\\n]", "");
    if (body.isEmpty()) {
      throw new InvalidKeyFileException(file, "PEM block is empty");
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException(file, "bad base64 in PEM block: " + e.getMessage());
    }
  }

  private static FileAlreadyExistsException refuseOverwrite(Path file) {
    return new FileAlreadyExistsException(
        file.toString(), null, "refusing to overwrite an existing file with a channel key");
  }
}
