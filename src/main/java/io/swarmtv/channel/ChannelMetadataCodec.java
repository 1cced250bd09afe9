package io.swarmtv.channel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChannelMetadata}'s serialized form: sequence (8), bitrate (8), name, description, codec
 * count (1), codecs, signature (64); each string a 2-byte length and UTF-8. Big-endian; see
 * {@code docs/protocol.md}.
 */
public final class ChannelMetadataCodec {
  /** Longest record accepted. */
  public static final int MAX_LENGTH = 4096;

  private ChannelMetadataCodec() {}

  /** {@code metadata} encoded into a new array. */
  public static byte[] encode(ChannelMetadata metadata) {
    ByteBuffer out = ByteBuffer.allocate(bodyLength(metadata) + Chunk.SIGNATURE_LENGTH);
    putBody(metadata, out);
    out.put(metadata.signature());
    return out.array();
  }

  /** Decodes all of {@code bytes}; see {@link #decode(ByteBuffer)}. */
  public static ChannelMetadata decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /**
   * Decodes exactly one record from {@code in}'s position to its limit; on success the position
   * moves to the limit, on failure it is unchanged. Input over {@link #MAX_LENGTH} is refused
   * before anything is allocated. The signature is not checked here: see
   * {@link ChannelMetadata#verify}.
   *
   * @throws MalformedRecordException saying what is wrong
   */
  public static ChannelMetadata decode(ByteBuffer in) {
    ByteBuffer b = in.slice();
    int available = b.remaining();
    if (available > MAX_LENGTH) {
      throw new MalformedRecordException(
          "metadata record is " + available + " bytes, over the " + MAX_LENGTH + "-byte limit");
    }
    need(b, 8, "sequence");
    long sequence = b.getLong();
    need(b, 8, "bitrate");
    long bitrate = b.getLong();
    String name = getString(b, "name", ChannelMetadata.MAX_NAME_BYTES);
    String description = getString(b, "description", ChannelMetadata.MAX_DESCRIPTION_BYTES);
    need(b, 1, "codec count");
    int count = b.get() & 0xFF;
    if (count > ChannelMetadata.MAX_CODECS) {
      throw new MalformedRecordException(
          "metadata has " + count + " codecs, more than " + ChannelMetadata.MAX_CODECS);
    }
    List<String> codecs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      codecs.add(getString(b, "codec " + i, ChannelMetadata.MAX_CODEC_BYTES));
    }
    need(b, Chunk.SIGNATURE_LENGTH, "signature");
    byte[] signature = new byte[Chunk.SIGNATURE_LENGTH];
    b.get(signature);
    if (b.hasRemaining()) {
      throw new MalformedRecordException(
          b.remaining() + " trailing bytes after a " + b.position() + "-byte metadata record");
    }
    ChannelMetadata metadata;
    try {
      metadata = new ChannelMetadata(name, description, bitrate, codecs, sequence, signature);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("bad metadata: " + e.getMessage(), e);
    }
    in.position(in.limit());
    return metadata;
  }

  static int bodyLength(ChannelMetadata m) {
    int length = 8 + 8 + 2 + utf8Length(m.name()) + 2 + utf8Length(m.description()) + 1;
    for (String codec : m.codecs()) {
      length += 2 + codec.length(); // codecs are ASCII
    }
    return length;
  }

  static void putBody(ChannelMetadata m, ByteBuffer out) {
    out.putLong(m.sequence()).putLong(m.bitrate());
    putString(out, m.name());
    putString(out, m.description());
    out.put((byte) m.codecs().size());
    for (String codec : m.codecs()) {
      putString(out, codec);
    }
  }

  /** Checks a free-text field: encodable as UTF-8, its length, no control characters. */
  static void checkText(String field, String value, int minBytes, int maxBytes, boolean newlines) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    int bytes;
    try {
      bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(value))
          .remaining();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(field + " has an unpaired surrogate");
    }
    if (bytes < minBytes || bytes > maxBytes) {
      throw new IllegalArgumentException(
          field + " must be " + minBytes + " to " + maxBytes + " bytes of UTF-8, was " + bytes);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(newlines && c == '\n')) {
        throw new IllegalArgumentException(
            field + " has control character " + Base32.describe(c) + " at index " + i);
      }
    }
  }

  static void checkCodec(String codec) {
    if (codec == null || codec.isEmpty() || codec.length() > ChannelMetadata.MAX_CODEC_BYTES) {
      throw new IllegalArgumentException(
          "codec must be 1 to " + ChannelMetadata.MAX_CODEC_BYTES + " characters: " + codec);
    }
    for (int i = 0; i < codec.length(); i++) {
      char c = codec.charAt(i);
      // What RFC 6381 codec strings use; nothing that could break out of an HLS CODECS="..."
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '_' || c == '+')) {
        throw new IllegalArgumentException(
            "codec '" + codec + "' has " + Base32.describe(c) + " at index " + i
                + " (allowed: letters, digits, . - _ +)");
      }
    }
  }

  private static String getString(ByteBuffer b, String field, int maxBytes) {
    need(b, 2, field + " length");
    int length = b.getShort() & 0xFFFF;
    if (length > maxBytes) {
      throw new MalformedRecordException(
          "metadata " + field + " is " + length + " bytes, more than " + maxBytes);
    }
    need(b, length, field);
    byte[] bytes = new byte[length];
    b.get(bytes);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException("metadata " + field + " is not valid UTF-8");
    }
  }

  private static void need(ByteBuffer b, int count, String what) {
    if (b.remaining() < count) {
      throw new MalformedRecordException(
          "truncated metadata: " + what + " needs " + count + " bytes at offset " + b.position()
              + ", " + b.remaining() + " remain");
    }
  }

  private static void putString(ByteBuffer out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
