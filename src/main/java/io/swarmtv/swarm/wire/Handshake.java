package io.swarmtv.swarm.wire;

import io.swarmtv.channel.ChannelId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The first message each side sends: who it is, which channel it wants and what it speaks.
 *
 * <p>The layout is the same in every protocol version, since it is read before a version is
 * agreed; later versions extend the protocol through {@link Capabilities} bits and extension
 * messages, never through new handshake fields.
 *
 * @param versions the protocol versions the sender speaks; see {@link VersionRange#negotiate}
 * @param channel the channel whose swarm the sender is in
 * @param peerId the sender's random id for this run
 * @param listenPort where the sender accepts connections, 1–65535, or 0 if it cannot be reached
 * @param capabilities {@link Capabilities} bits; unknown bits are kept and ignored
 */
public record Handshake(
    VersionRange versions, ChannelId channel, PeerId peerId, int listenPort, long capabilities)
    implements PeerMessage {

  /** Opens every handshake body: identifies the protocol before anything else is believed. */
  public static final String MAGIC = "swarmtv\0";
  /** Body length: magic (8), min (2), max (2), channel (32), peer id (20), port (2), caps (8). */
  public static final int LENGTH = 8 + 2 + 2 + ChannelId.LENGTH + PeerId.LENGTH + 2 + 8;

  /** Listen port meaning "not reachable, do not dial me". */
  public static final int NOT_REACHABLE = 0;

  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

  /**
   * @throws IllegalArgumentException if a field is missing or the port does not fit two bytes
   */
  public Handshake {
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(peerId, "peerId");
    if (listenPort < 0 || listenPort > 0xFFFF) {
      throw new IllegalArgumentException("listen port " + listenPort + " is not 0..65535");
    }
  }

  /** Whether the sender set every bit of {@code capability}. */
  public boolean has(long capability) {
    return Capabilities.has(capabilities, capability);
  }

  @Override
  public MessageType type() {
    return MessageType.HANDSHAKE;
  }

  @Override
  public int bodyLength() {
    return LENGTH;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.put(MAGIC_BYTES)
        .putShort((short) versions.min())
        .putShort((short) versions.max())
        .put(channel.bytes())
        .put(peerId.rawBytes())
        .putShort((short) listenPort)
        .putLong(capabilities);
  }

  /** Decodes a handshake body; see {@link MessageType#decodeBody}. */
  public static Handshake decodeBody(ByteBuffer body) throws ProtocolException {
    BodyReader r = new BodyReader(MessageType.HANDSHAKE, body);
    byte[] magic = r.getBytes("magic", MAGIC_BYTES.length);
    if (!Arrays.equals(magic, MAGIC_BYTES)) {
      throw r.error("magic is " + HexFormat.of().formatHex(magic) + ", expected "
          + HexFormat.of().formatHex(MAGIC_BYTES) + " (\"swarmtv\" 0x00): not a swarmtv peer");
    }
    int min = r.getUnsignedShort("min version");
    int max = r.getUnsignedShort("max version");
    byte[] channel = r.getBytes("channel id", ChannelId.LENGTH);
    byte[] peerId = r.getBytes("peer id", PeerId.LENGTH);
    int port = r.getUnsignedShort("listen port");
    long capabilities = r.getLong("capabilities");
    r.finish();
    VersionRange versions;
    try {
      versions = new VersionRange(min, max);
    } catch (IllegalArgumentException e) {
      throw r.error(e.getMessage(), e);
    }
    ChannelId channelId;
    try {
      channelId = ChannelId.of(channel);
    } catch (IllegalArgumentException e) {
      throw r.error("channel id " + HexFormat.of().formatHex(channel)
          + " is not a valid Ed25519 public key", e);
    }
    return new Handshake(versions, channelId, PeerId.of(peerId), port, capabilities);
  }

  @Override
  public String toString() {
    return "Handshake[versions=" + versions + ", channel=" + channel + ", peer=" + peerId
        + ", port=" + listenPort + ", caps=" + Capabilities.describe(capabilities) + "]";
  }
}
