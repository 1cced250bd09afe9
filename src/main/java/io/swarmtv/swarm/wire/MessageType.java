package io.swarmtv.swarm.wire;

import java.nio.ByteBuffer;

/**
 * The message types this build knows, their one-byte codes and largest bodies.
 *
 * <p>Codes {@code 0x00}–{@code 0x3f} are core: every peer must know them, and an unknown one is
 * a protocol error. Codes {@code 0x40}–{@code 0xff} are extensions: a peer that does not know one
 * skips its frame, so a later version can add messages without breaking older peers.
 */
public enum MessageType {
  HANDSHAKE(0x00, "handshake", Handshake.LENGTH, Handshake::decodeBody),
  GOODBYE(0x01, "goodbye", Goodbye.MAX_BODY_LENGTH, Goodbye::decodeBody),
  PING(0x02, "ping", Ping.LENGTH, Ping::decodeBody),
  PONG(0x03, "pong", Pong.LENGTH, Pong::decodeBody),
  BUFFER_MAP(0x04, "buffer map", BufferMap.MAX_BODY_LENGTH, BufferMap::decodeBody),
  HAVE(0x05, "have", Have.LENGTH, Have::decodeBody),
  REQUEST(0x06, "request", Request.MAX_BODY_LENGTH, Request::decodeBody),
  CANCEL(0x07, "cancel", Cancel.MAX_BODY_LENGTH, Cancel::decodeBody),
  CHUNK(0x08, "chunk", ChunkMessage.MAX_BODY_LENGTH, ChunkMessage::decodeBody),
  SUBSCRIBE(0x09, "subscribe", Subscribe.LENGTH, Subscribe::decodeBody),
  UNSUBSCRIBE(0x0A, "unsubscribe", Unsubscribe.LENGTH, Unsubscribe::decodeBody),
  PEER_EXCHANGE(0x0B, "peer exchange", PeerExchange.MAX_BODY_LENGTH, PeerExchange::decodeBody),
  METADATA(0x0C, "metadata", MetadataMessage.MAX_BODY_LENGTH, MetadataMessage::decodeBody),
  /** An extension: peers that do not know it skip it, and it goes only to peers that said they read it. */
  BUFFER_MAP_DELTA(0x50, "buffer map delta", BufferMapDelta.MAX_BODY_LENGTH, BufferMapDelta::decodeBody);

  /** Lowest extension code; codes below it are core. */
  public static final int FIRST_EXTENSION = 0x40;

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;
  private final String label;
  private final int maxBodyLength;
  private final BodyDecoder decoder;

  MessageType(int code, String label, int maxBodyLength, BodyDecoder decoder) {
    this.code = code;
    this.label = label;
    this.maxBodyLength = maxBodyLength;
    this.decoder = decoder;
  }

  /** The type byte. */
  public int code() {
    return code;
  }

  /** Name used in error messages and the protocol document, e.g. {@code buffer map}. */
  public String label() {
    return label;
  }

  /** Longest body a frame of this type may have; longer frames are refused before buffering. */
  public int maxBodyLength() {
    return maxBodyLength;
  }

  /** Whether {@code code} (0–255) is in the extension range that unknowing peers skip. */
  public static boolean isExtension(int code) {
    return code >= FIRST_EXTENSION;
  }

  /** The type with {@code code} this build knows, core or extension, or null. */
  public static MessageType forCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /**
   * Decodes a body of this type from {@code body}'s position to its limit; on success the
   * position moves to the limit.
   */
  public PeerMessage decodeBody(ByteBuffer body) throws ProtocolException {
    return decoder.decode(body);
  }

  @Override
  public String toString() {
    return label + String.format(" (0x%02x)", code);
  }

  @FunctionalInterface
  private interface BodyDecoder {
    PeerMessage decode(ByteBuffer body) throws ProtocolException;
  }
}
