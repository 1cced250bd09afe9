package io.swarmtv.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelKeyTest {
  // RFC 8032 section 7.1, test 1.
  private static final String RFC8032_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_EMPTY_MESSAGE_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @TempDir Path dir;

  @Test
  void derivesThePublicKeyFromTheSeedAsRfc8032Does() throws IOException {
    ChannelKey key = ChannelKey.read(writePem("rfc.pem", pkcs8(RFC8032_SECRET)));
    assertEquals(ChannelId.of(HexFormat.of().parseHex(RFC8032_PUBLIC)), key.id());
    assertEquals(RFC8032_EMPTY_MESSAGE_SIGNATURE, HexFormat.of().formatHex(key.sign(new byte[0])));
  }

  @Test
  void signaturesVerifyWithTheChannelId() throws Exception {
    ChannelKey key = ChannelKey.generate();
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key.id().publicKey());
    verifier.update(message);
    assertTrue(verifier.verify(key.sign(message)));
    assertNotEquals(key.id(), ChannelKey.generate().id());
  }

  @Test
  void writesOwnerOnlyPemThatReadsBackEqual() throws IOException {
    ChannelKey key = ChannelKey.generate();
    Path file = dir.resolve("channel.key");
    key.write(file);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    List<String> lines = Files.readAllLines(file);
    assertEquals(List.of("-----BEGIN PRIVATE KEY-----", lines.get(1), "-----END PRIVATE KEY-----"),
        lines);
    assertEquals(64, lines.get(1).length());
    assertEquals(List.of(file), listDir(), "no temporary file left behind");

    ChannelKey back = ChannelKey.read(file);
    assertEquals(key, back);
    assertEquals(key.id(), back.id());
    byte[] message = {1, 2, 3};
    assertArrayEquals(key.sign(message), back.sign(message));
  }

  @Test
  void writtenFileIsAPkcs8KeyTheJdkReadsToo() throws Exception {
    ChannelKey key = ChannelKey.generate();
    Path file = dir.resolve("k.pem");
    key.write(file);
    String body = Files.readAllLines(file).get(1);
    PrivateKey jdk = KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(jdk);
    signer.update(new byte[] {9});
    assertArrayEquals(signer.sign(), key.sign(new byte[] {9}));
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws IOException {
    Path file = dir.resolve("channel.key");
    Files.writeString(file, "precious");
    FileAlreadyExistsException e =
        assertThrows(FileAlreadyExistsException.class, () -> ChannelKey.generate().write(file));
    assertEquals(file + ": refusing to overwrite an existing file with a channel key",
        e.getMessage());
    assertEquals("precious", Files.readString(file));
    assertEquals(List.of(file), listDir());
  }

  @Test
  void refusesToOverwriteItsOwnKeyToo() throws IOException {
    ChannelKey key = ChannelKey.generate();
    Path file = dir.resolve("channel.key");
    key.write(file);
    assertThrows(FileAlreadyExistsException.class, () -> ChannelKey.generate().write(file));
    assertEquals(key, ChannelKey.read(file));
  }

  @Test
  void refusesToWriteThroughADanglingSymlink() throws IOException {
    Path link = dir.resolve("link.key");
    Files.createSymbolicLink(link, dir.resolve("elsewhere.key"));
    assertThrows(FileAlreadyExistsException.class, () -> ChannelKey.generate().write(link));
    assertFalse(Files.exists(dir.resolve("elsewhere.key")));
  }

  @Test
  void missingFileSaysSo() {
    Path file = dir.resolve("absent.key");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ChannelKey.read(file));
    assertEquals(file + ": channel key file does not exist", e.getMessage());
  }

  @Test
  void rejectsFilesThatAreNotPem() throws IOException {
    assertReadFails("not a PEM file (no -----BEGIN PRIVATE KEY----- line)",
        Files.writeString(dir.resolve("text"), "hello\n"));
    assertReadFails("not a PEM file (binary content)",
        Files.write(dir.resolve("binary"), new byte[] {(byte) 0x80, 0, 1}));
    assertReadFails("too large to be a channel key (70000 bytes)",
        Files.write(dir.resolve("large"), new byte[70000]));
  }

  @Test
  void rejectsOtherPemTypes() throws IOException {
    assertReadFails("PEM block is 'OPENSSH PRIVATE KEY', expected 'PRIVATE KEY' (an unencrypted"
            + " PKCS#8 Ed25519 key)",
        Files.writeString(dir.resolve("ssh"),
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"));
    assertReadFails("PEM block is 'ENCRYPTED PRIVATE KEY', expected 'PRIVATE KEY' (an unencrypted"
            + " PKCS#8 Ed25519 key)",
        Files.writeString(dir.resolve("enc"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"));
  }

  @Test
  void rejectsBrokenPemBlocks() throws IOException {
    assertReadFails("PEM block has no -----END PRIVATE KEY----- line",
        Files.writeString(dir.resolve("noend"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"));
    assertReadFails("PEM block is empty",
        Files.writeString(dir.resolve("empty"),
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"));
    InvalidKeyFileException e = readFails(Files.writeString(dir.resolve("b64"),
        "-----BEGIN PRIVATE KEY-----\nMC4C*QAw\n-----END PRIVATE KEY-----\n"));
    assertTrue(e.getMessage().contains(": bad base64 in PEM block: "), e.getMessage());
  }

  @Test
  void rejectsOtherAlgorithms() throws IOException {
    // Ed448 (OID 1.3.101.113) with a 57-byte key, RSA-ish and EC algorithm identifiers.
    assertReadFails("not an Ed25519 key: algorithm is 1.3.101.113 (Ed448)", writePem("ed448",
        "3047020100300506032b6571043b0439" + "00".repeat(57)));
    assertReadFails("not an Ed25519 key: algorithm is 1.2.840.10045.2.1 (EC)", writePem("ec",
        "3013020100300906072a8648ce3d02010403040100"));
  }

  @Test
  void rejectsWrongKeyLengths() throws IOException {
    assertReadFails("Ed25519 private key must be 32 bytes, was 31", writePem("short",
        "302d020100300506032b65700421041f" + "11".repeat(31)));
    assertReadFails("Ed25519 private key must be 32 bytes, was 33", writePem("long",
        "302f020100300506032b657004230421" + "11".repeat(33)));
  }

  @Test
  void rejectsMalformedDer() throws IOException {
    String good = pkcs8(RFC8032_SECRET);
    assertReadFails("truncated DER: PrivateKeyInfo SEQUENCE declares 46 bytes, 45 remain",
        writePem("cut", good.substring(0, good.length() - 2)));
    assertReadFails("not a PKCS#8 key: 1 bytes after the key structure",
        writePem("extra", good + "00"));
    assertReadFails("not a PKCS#8 key: expected PrivateKeyInfo SEQUENCE (tag 0x30) but found tag 0x31",
        writePem("set", "31" + good.substring(2)));
    assertReadFails("unsupported PKCS#8 version 02",
        writePem("v3", good.replaceFirst("020100", "020102")));
  }

  @Test
  void acceptsVersion2WithAMatchingPublicKeyOnly() throws IOException {
    String v2 = "3051020101300506032b657004220420" + RFC8032_SECRET + "812100" + RFC8032_PUBLIC;
    assertEquals(ChannelId.of(HexFormat.of().parseHex(RFC8032_PUBLIC)),
        ChannelKey.read(writePem("v2", v2)).id());
    String wrong = v2.substring(0, v2.length() - 2) + "1b";
    assertReadFails("the public key in the file does not match its private key",
        writePem("v2bad", wrong));
  }

  @Test
  void opensslReadsAWrittenFileAndDerivesTheSamePublicKey() throws Exception {
    assumeTrue(opensslAvailable(), "openssl not installed");
    ChannelKey key = ChannelKey.generate();
    Path file = dir.resolve("k.pem");
    key.write(file);
    String pem = run("openssl", "pkey", "-in", file.toString(), "-pubout");
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
        .replace("-----END PUBLIC KEY-----", "").strip();
    assertArrayEquals(key.id().publicKey().getEncoded(), Base64.getMimeDecoder().decode(body));
  }

  @Test
  void readsAKeyThatOpensslGenerated() throws Exception {
    assumeTrue(opensslAvailable(), "openssl not installed");
    Path file = dir.resolve("openssl.pem");
    run("openssl", "genpkey", "-algorithm", "ed25519", "-out", file.toString());
    run("openssl", "pkey", "-in", file.toString(), "-pubout", "-outform", "DER",
        "-out", dir.resolve("pub.der").toString());
    ChannelKey key = ChannelKey.read(file);
    assertArrayEquals(Files.readAllBytes(dir.resolve("pub.der")), key.id().publicKey().getEncoded());
  }

  @Test
  void toStringShowsOnlyTheChannel() throws IOException {
    ChannelKey key = ChannelKey.read(writePem("rfc.pem", pkcs8(RFC8032_SECRET)));
    assertEquals("ChannelKey[" + key.id() + "]", key.toString());
  }

  private static String pkcs8(String seedHex) {
    return "302e020100300506032b657004220420" + seedHex;
  }

  private Path writePem(String name, String derHex) throws IOException {
    return Files.writeString(dir.resolve(name), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(HexFormat.of().parseHex(derHex))
        + "\n-----END PRIVATE KEY-----\n");
  }

  private static InvalidKeyFileException readFails(Path file) {
    InvalidKeyFileException e =
        assertThrows(InvalidKeyFileException.class, () -> ChannelKey.read(file));
    assertEquals(file, e.file());
    return e;
  }

  private static void assertReadFails(String reason, Path file) {
    assertEquals(file + ": " + reason, readFails(file).getMessage());
  }

  private List<Path> listDir() throws IOException {
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    return output;
  }
}
