package io.swarmtv.swarm.wire;

import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.channel.ChannelMetadataCodec;
import io.swarmtv.channel.MalformedRecordException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The channel's signed metadata, sent after the handshake by a peer that has it and again when
 * it learns a newer record. The body is the record exactly as {@link ChannelMetadataCodec}
 * encodes it; the receiver verifies it and keeps the one with the highest sequence.
 *
 * @param metadata the record
 */
public record MetadataMessage(ChannelMetadata metadata) implements PeerMessage {
  /** The largest record {@link ChannelMetadataCodec} accepts. */
  public static final int MAX_BODY_LENGTH = ChannelMetadataCodec.MAX_LENGTH;

  public MetadataMessage {
    Objects.requireNonNull(metadata, "metadata");
  }

  @Override
  public MessageType type() {
    return MessageType.METADATA;
  }

  // Metadata travels a few times per connection, so encoding it twice (length, then bytes)
  // costs nothing worth caching.
  @Override
  public int bodyLength() {
    return ChannelMetadataCodec.encode(metadata).length;
  }

  @Override
  public void encodeBody(ByteBuffer out) {
    out.put(ChannelMetadataCodec.encode(metadata));
  }

  /** Decodes a metadata body; see {@link MessageType#decodeBody}. */
  public static MetadataMessage decodeBody(ByteBuffer body) throws ProtocolException {
    try {
      return new MetadataMessage(ChannelMetadataCodec.decode(body));
    } catch (MalformedRecordException e) {
      throw new ProtocolException(MessageType.METADATA.label() + ": " + e.getMessage(), e);
    }
  }
}
