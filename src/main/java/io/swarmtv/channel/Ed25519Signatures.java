package io.swarmtv.channel;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Pure Ed25519 (RFC 8032: no pre-hash, no context) signing and verifying over byte arrays. */
final class Ed25519Signatures {
  static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

  private Ed25519Signatures() {}

  /** Signs {@code message} with the private key {@code seed} whose public key is {@code publicKey}. */
  static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    byte[] signature = new byte[SIGNATURE_LENGTH];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /** Whether {@code signature} is {@code publicKey}'s over {@code message}; false for any malformed input. */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return signature != null && signature.length == SIGNATURE_LENGTH
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /** As {@link #verify(byte[], byte[], byte[])} with the public key already decoded. */
  static boolean verify(Ed25519.PublicPoint publicKey, byte[] message, byte[] signature) {
    return signature != null && signature.length == SIGNATURE_LENGTH
        && Ed25519.verify(signature, 0, publicKey, message, 0, message.length);
  }
}
