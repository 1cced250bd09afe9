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
 * @param video the picture's size and frame rate, or null when the broadcaster does not say
 * @param unknownFields fields a later version added that this build does not know, in tag order,
 *     kept byte for byte so the record still verifies and is passed on unchanged
 * @param sequence the record's version: a newer record has a larger one
 * @param signature the channel key's Ed25519 signature over {@link #signedBytes}
 */
public record ChannelMetadata(
    String name,
    String description,
    long bitrate,
    List<String> codecs,
    Video video,
    List<Field> unknownFields,
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
   * The video stream's picture, so a gateway can list a channel's format before playing it.
   *
   * @param width displayed width in pixels, 1 to 65535
   * @param height displayed height in pixels, 1 to 65535
   * @param frameRateMillis frames per thousand seconds (29.97 fps is 29970), 0 when the stream
   *     does not say
   */
  public record Video(int width, int height, int frameRateMillis) {
    /** Field tag of a video record; see {@link ChannelMetadataCodec}. */
    public static final int TAG = 1;
    /** Bytes of the field's value: width (2), height (2), frame rate (4). */
    public static final int LENGTH = 8;

    /** @throws IllegalArgumentException if a value is out of the bounds above */
    public Video {
      if (width < 1 || width > 0xFFFF || height < 1 || height > 0xFFFF) {
        throw new IllegalArgumentException("video size " + width + "x" + height + " is not 1..65535 each way");
      }
      if (frameRateMillis < 0) {
        throw new IllegalArgumentException("frame rate is negative: " + frameRateMillis);
      }
    }

    /** A picture of {@code width} x {@code height} at {@code framesPerSecond} (0 if unknown), rounded to 1/1000. */
    public static Video of(int width, int height, double framesPerSecond) {
      if (!(framesPerSecond >= 0 && framesPerSecond * 1000 <= Integer.MAX_VALUE)) {
        throw new IllegalArgumentException("frame rate " + framesPerSecond + " is out of range");
      }
      return new Video(width, height, (int) Math.round(framesPerSecond * 1000));
    }

    /** Frames per second, 0 when unknown. */
    public double frameRate() {
      return frameRateMillis / 1000.0;
    }
  }

  /**
   * A field of the record this build does not know: a later version's addition.
   *
   * @param tag 2 to 255 (tag 1 is {@link Video}); fields come in increasing tag order
   * @param value its bytes, at most what fits the record
   */
  public record Field(int tag, byte[] value) {
    public Field {
      if (tag < 1 || tag > 0xFF) {
        throw new IllegalArgumentException("field tag " + tag + " is not 1..255");
      }
      if (value.length > ChannelMetadataCodec.MAX_LENGTH) {
        throw new IllegalArgumentException("field " + tag + " of " + value.length + " bytes cannot fit a record");
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Field f && tag == f.tag && Arrays.equals(value, f.value);
    }

    @Override
    public int hashCode() {
      return tag * 31 + Arrays.hashCode(value);
    }
  }

  /** A record without the fields a later version added: name, description, bitrate, codecs only. */
  public ChannelMetadata(String name, String description, long bitrate, List<String> codecs, long sequence,
      byte[] signature) {
    this(name, description, bitrate, codecs, null, List.of(), sequence, signature);
  }

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
    unknownFields = List.copyOf(unknownFields);
    int lastTag = video != null ? Video.TAG : 0;
    for (Field f : unknownFields) {
      if (f.tag() == Video.TAG) {
        throw new IllegalArgumentException("field tag 1 is the video field, known to this build");
      }
      if (f.tag() <= lastTag) {
        throw new IllegalArgumentException("field tag " + f.tag() + " after tag " + lastTag
            + ": fields come once each, in increasing tag order");
      }
      lastTag = f.tag();
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("metadata sequence is negative: " + sequence);
    }
    if (signature == null || signature.length != Chunk.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException(
          "metadata signature must be " + Chunk.SIGNATURE_LENGTH + " bytes");
    }
    int length = ChannelMetadataCodec.bodyLength(name, description, codecs, video, unknownFields)
        + Chunk.SIGNATURE_LENGTH;
    if (length > ChannelMetadataCodec.MAX_LENGTH) {
      throw new IllegalArgumentException("metadata record of " + length + " bytes is over the "
          + ChannelMetadataCodec.MAX_LENGTH + "-byte limit");
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
    return sign(key, name, description, bitrate, codecs, null, sequence);
  }

  /**
   * Signs a new record that describes the video too ({@code video} may be null).
   *
   * @throws IllegalArgumentException if a field is out of bounds
   */
  public static ChannelMetadata sign(
      ChannelKey key, String name, String description, long bitrate, List<String> codecs,
      Video video, long sequence) {
    // The constructor validates, so build an unsigned record first and sign its bytes.
    ChannelMetadata unsigned = new ChannelMetadata(
        name, description, bitrate, codecs, video, List.of(), sequence, new byte[Chunk.SIGNATURE_LENGTH]);
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
    return new ChannelMetadata(name, description, bitrate, codecs, video, unknownFields, sequence, newSignature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelMetadata m
        && name.equals(m.name)
        && description.equals(m.description)
        && bitrate == m.bitrate
        && codecs.equals(m.codecs)
        && java.util.Objects.equals(video, m.video)
        && unknownFields.equals(m.unknownFields)
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
        + ", codecs=" + codecs + ", video=" + video
        + (unknownFields.isEmpty() ? "" : ", " + unknownFields.size() + " unknown fields") + ", description=" + description.length() + " chars]";
  }
}
