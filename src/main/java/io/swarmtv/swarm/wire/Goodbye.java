package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The last message before a peer closes the connection, saying why, so the other side can log
 * something better than "connection reset" and decide whether to retry.
 *
 * @param reason the reason code
 * @param detail human-readable detail, at most {@value #MAX_DETAIL_BYTES} bytes of UTF-8 without
 *     control characters, e.g. {@code forged chunk 1234}
 */
public record Goodbye(GoodbyeReason reason, String detail) implements PeerMessage {
  /** Longest detail, in bytes of UTF-8. */
  public static final int MAX_DETAIL_BYTES = 200;
  /** Reason (1), detail length (1), detail. */
  public static final int MAX_BODY_LENGTH = 1 + 1 + MAX_DETAIL_BYTES;

  /**
   * @throws IllegalArgumentException if the detail is too long, has a control character or an
   *     unpaired surrogate
   */
  public Goodbye {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    int bytes = utf8Length(detail);
    if (bytes > MAX_DETAIL_BYTES) {
      throw new IllegalArgumentException(
          "detail is " + bytes + " bytes of UTF-8, more than " + MAX_DETAIL_BYTES);
    }
    for (int i = 0; i < detail.length(); i++) {
      if (Character.isISOControl(detail.charAt(i))) {
        throw new IllegalArgumentException(String.format(
            "detail has control character U+%04X at index %d", (int) detail.charAt(i), i));
      }
    }
  }

  /**
   * A goodbye whose detail is {@code text} made to fit: control characters become spaces and the
   * text is cut to {@value #MAX_DETAIL_BYTES} bytes. For passing on an exception's message.
   */
  public static Goodbye because(GoodbyeReason reason, String text) {
    StringBuilder fitted = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)) {
        cp = ' ';
      } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        cp = '?'; // an unpaired surrogate has no UTF-8 form
      }
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > MAX_DETAIL_BYTES) {
        break;
      }
      fitted.appendCodePoint(cp);
      bytes += size;
    }
    return new Goodbye(reason, fitted.toString());
  }

  @Override
  public MessageType type() {
    return MessageType.GOODBYE;
  }

  @Override
  public int bodyLength() {
    return 2 + utf8Length(detail);
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    byte[] text = detail.getBytes(StandardCharsets.UTF_8);
    out.put((byte) reason.code()).put((byte) text.length).put(text);
  }

  /** Decodes a goodbye body; see {@link MessageType#decodeBody}. */
  public static Goodbye decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.GOODBYE, body);
    int code = r.getUnsignedByte("reason");
    int length = r.getUnsignedByte("detail length");
    r.checkCount("detail length", length, MAX_DETAIL_BYTES);
    byte[] text = r.getBytes("detail", length);
    r.finish();
    String detail;
    try {
      CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      detail = utf8.decode(ByteBuffer.wrap(text)).toString();
    } catch (CharacterCodingException e) {
      throw r.error("detail is not valid UTF-8", e);
    }
    try {
      return new Goodbye(GoodbyeReason.forCode(code), detail);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
  }

  private static int utf8Length(String s) {
    try {
      return StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s))
          .remaining();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("detail has an unpaired surrogate");
    }
  }
}
