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
 * count (1), codecs, then tagged fields, signature (64); each string a 2-byte length and UTF-8.
 * Big-endian; see {@code docs/protocol.md}.
 *
 * <p>A tagged field is a tag (1), a length (2) and that many bytes, in increasing tag order. Later
 * versions add fields this way: a reader keeps the fields it does not know byte for byte, so it
 * still verifies the signature and relays the record unchanged.
 */
public final class ChannelMetadataCodec {
  /** Longest record accepted. */
  public static final int MAX_LENGTH = 4096;
  /** Bytes before a tagged field's value: tag (1) and length (2). */
  static final int FIELD_HEADER = 3;

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
    ChannelMetadata.Video video = null;
    List<ChannelMetadata.Field> unknown = new ArrayList<>();
    int lastTag = 0;
    // Fields run up to the signature: whatever is left beyond its 64 bytes is fields.
    while (b.remaining() > Chunk.SIGNATURE_LENGTH) {
      int at = b.position();
      if (b.remaining() - Chunk.SIGNATURE_LENGTH < FIELD_HEADER) {
        throw new MalformedRecordException("metadata has " + (b.remaining() - Chunk.SIGNATURE_LENGTH)
            + " bytes at offset " + at + " before its " + Chunk.SIGNATURE_LENGTH
            + "-byte signature, too few for a field header (" + FIELD_HEADER + ")");
      }
      int tag = b.get() & 0xFF;
      int length = b.getShort() & 0xFFFF;
      if (tag <= lastTag) {
        throw new MalformedRecordException("metadata field tag " + tag + " at offset " + at + " after tag "
            + lastTag + ": fields come once each, in increasing tag order");
      }
      lastTag = tag;
      if (length > b.remaining() - Chunk.SIGNATURE_LENGTH) {
        throw new MalformedRecordException("metadata field " + tag + " at offset " + at + " is " + length
            + " bytes, only " + (b.remaining() - Chunk.SIGNATURE_LENGTH) + " remain before the signature");
      }
      if (tag == ChannelMetadata.Video.TAG) {
        if (length != ChannelMetadata.Video.LENGTH) {
          throw new MalformedRecordException("metadata video field is " + length + " bytes, not "
              + ChannelMetadata.Video.LENGTH);
        }
        int width = b.getShort() & 0xFFFF;
        int height = b.getShort() & 0xFFFF;
        int rate = b.getInt();
        try {
          video = new ChannelMetadata.Video(width, height, rate);
        } catch (IllegalArgumentException e) {
          throw new MalformedRecordException("bad metadata video field: " + e.getMessage(), e);
        }
      } else {
        byte[] value = new byte[length];
        b.get(value);
        unknown.add(new ChannelMetadata.Field(tag, value));
      }
    }
    need(b, Chunk.SIGNATURE_LENGTH, "signature");
    byte[] signature = new byte[Chunk.SIGNATURE_LENGTH];
    b.get(signature);
    ChannelMetadata metadata;
    try {
      metadata = new ChannelMetadata(name, description, bitrate, codecs, video, unknown, sequence, signature);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("bad metadata: " + e.getMessage(), e);
    }
    in.position(in.limit());
    return metadata;
  }

  static int bodyLength(ChannelMetadata m) {
    return bodyLength(m.name(), m.description(), m.codecs(), m.video(), m.unknownFields());
  }

  static int bodyLength(String name, String description, List<String> codecs, ChannelMetadata.Video video,
      List<ChannelMetadata.Field> fields) {
    int length = 8 + 8 + 2 + utf8Length(name) + 2 + utf8Length(description) + 1;
    for (String codec : codecs) {
      length += 2 + codec.length(); // codecs are ASCII
    }
    if (video != null) {
      length += FIELD_HEADER + ChannelMetadata.Video.LENGTH;
    }
    for (ChannelMetadata.Field f : fields) {
      length += FIELD_HEADER + f.value().length;
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
    ChannelMetadata.Video v = m.video();
    if (v != null) {
      out.put((byte) ChannelMetadata.Video.TAG).putShort((short) ChannelMetadata.Video.LENGTH)
          .putShort((short) v.width()).putShort((short) v.height()).putInt(v.frameRateMillis());
    }
    for (ChannelMetadata.Field f : m.unknownFields()) {
      byte[] value = f.value();
      out.put((byte) f.tag()).putShort((short) value.length).put(value);
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
