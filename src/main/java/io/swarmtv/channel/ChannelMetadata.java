package io.swarmtv.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a channel says about itself, signed by its key. A peer keeps the verified record with the
 * highest sequence it has seen.
 *
 * <p>Like {@link Chunk}, the record owns its signature array once built.
 *
 * @param name what to call the channel: 1 to {@value #MAX_NAME_BYTES} bytes of UTF-8, no control
 *     characters
 * @param description 0 to {@value #MAX_DESCRIPTION_BYTES} bytes of UTF-8; newlines allowed, other
 *     control characters not
 * @param bitrate the stream's bit rate, bits per second
 * @param codecs RFC 6381 codec strings such as {@code avc1.64001f} and {@code mp4a.40.2}, at most
 *     {@value #MAX_CODECS} of 1 to {@value #MAX_CODEC_BYTES} characters each
 * @param sequence the record's version: a newer record has a larger one
 * @param signature the channel key's Ed25519 signature over {@link #signedBytes}
 */
public record ChannelMetadata(
    String name,
    String description,
    long bitrate,
    List<String> codecs,
    long sequence,
    byte[] signature) {

  /** Starts every signed metadata message; see {@link ChunkSignature#DOMAIN_TAG}. */
  public static final String DOMAIN_TAG = "swarmtv/metadata/1\0";
  public static final int MAX_NAME_BYTES = 100;
  public static final int MAX_DESCRIPTION_BYTES = 1000;
  public static final int MAX_CODECS = 16;
  public static final int MAX_CODEC_BYTES = 64;

  private static final byte[] TAG = DOMAIN_TAG.getBytes(StandardCharsets.US_ASCII);

  /**
   * @throws IllegalArgumentException if a field is out of the bounds above
   */
  public ChannelMetadata {
    ChannelMetadataCodec.checkText("name", name, 1, MAX_NAME_BYTES, false);
    ChannelMetadataCodec.checkText("description", description, 0, MAX_DESCRIPTION_BYTES, true);
    if (bitrate < 0) {
      throw new IllegalArgumentException("bitrate is negative: " + bitrate);
    }
    codecs = List.copyOf(codecs);
    if (codecs.size() > MAX_CODECS) {
      throw new IllegalArgumentException(
          codecs.size() + " codecs, more than " + MAX_CODECS);
    }
    for (String codec : codecs) {
      ChannelMetadataCodec.checkCodec(codec);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("metadata sequence is negative: " + sequence);
    }
    if (signature == null || signature.length != Chunk.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException(
          "metadata signature must be " + Chunk.SIGNATURE_LENGTH + " bytes");
    }
  }

  /**
   * Signs a new record.
   *
   * @throws IllegalArgumentException if a field is out of bounds
   */
  public static ChannelMetadata sign(
      ChannelKey key, String name, String description, long bitrate, List<String> codecs,
      long sequence) {
    // The constructor validates, so build an unsigned record first and sign its bytes.
    ChannelMetadata unsigned = new ChannelMetadata(
        name, description, bitrate, codecs, sequence, new byte[Chunk.SIGNATURE_LENGTH]);
    return unsigned.withSignature(key.sign(unsigned.signedBytes(key.id())));
  }

  /**
   * The message the signature is over: the domain tag, the channel id, then the record encoded as
   * {@link ChannelMetadataCodec} does, without its signature.
   */
  public byte[] signedBytes(ChannelId channel) {
    ByteBuffer out = ByteBuffer.allocate(
        TAG.length + ChannelId.LENGTH + ChannelMetadataCodec.bodyLength(this));
    out.put(TAG).put(channel.rawBytes());
    ChannelMetadataCodec.putBody(this, out);
    return out.array();
  }

  /** Whether {@code channel}'s key signed this record; false, never an exception, if not. */
  public boolean verify(ChannelId channel) {
    return Ed25519Signatures.verify(channel.rawBytes(), signedBytes(channel), signature);
  }

  private ChannelMetadata withSignature(byte[] newSignature) {
    return new ChannelMetadata(name, description, bitrate, codecs, sequence, newSignature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelMetadata m
        && name.equals(m.name)
        && description.equals(m.description)
        && bitrate == m.bitrate
        && codecs.equals(m.codecs)
        && sequence == m.sequence
        && Arrays.equals(signature, m.signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "ChannelMetadata[name=" + name + ", seq=" + sequence + ", bitrate=" + bitrate
        + ", codecs=" + codecs + ", description=" + description.length() + " chars]";
  }
}
