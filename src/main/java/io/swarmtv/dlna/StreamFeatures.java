package io.swarmtv.dlna;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DLNA description of a channel's continuous TS stream ({@code /ts/{ch}}): the res
 * protocolInfo the ContentDirectory lists, and the {@code contentFeatures.dlna.org} header the
 * stream answers with. The operation flags say: no time or byte seek (DLNA.ORG_OP=00), not
 * transcoded (DLNA.ORG_CI=0), live (DLNA.ORG_FLAGS, per TV model).
 *
 * <p>The stream handler should answer GET and HEAD with {@code transferMode.dlna.org: Streaming}
 * and, when asked by {@code getcontentFeatures.dlna.org: 1} (or always), with
 * {@code contentFeatures.dlna.org: } {@link #contentFeatures}; send no Content-Length; and serve
 * the live stream from its current position whatever Range a TV asks for.
 */
public final class StreamFeatures {
  /** The MIME type DLNA gives 188-byte-packet MPEG-TS ({@code _ISO} profiles). */
  public static final String MIME_TYPE = "video/mpeg";
  /** Header a TV sends to ask for {@link #CONTENT_FEATURES}. */
  public static final String GET_CONTENT_FEATURES = "getcontentFeatures.dlna.org";
  /** Header carrying {@link #contentFeatures}. */
  public static final String CONTENT_FEATURES = "contentFeatures.dlna.org";
  /** Header naming the transfer mode; a live stream answers {@link #STREAMING}. */
  public static final String TRANSFER_MODE = "transferMode.dlna.org";
  /** The value of {@link #TRANSFER_MODE} for a live stream. */
  public static final String STREAMING = "Streaming";

  private final DlnaFlags defaultFlags;
  private final Map<String, DlnaFlags> byUserAgent;

  /**
   * @param defaultFlags the flags for TVs no rule names
   * @param byUserAgent flags for the TVs whose User-Agent contains the key (case-insensitive);
   *     the first matching key in iteration order wins
   */
  public StreamFeatures(DlnaFlags defaultFlags, Map<String, DlnaFlags> byUserAgent) {
    this.defaultFlags = defaultFlags;
    Map<String, DlnaFlags> rules = new LinkedHashMap<>();
    byUserAgent.forEach((k, v) -> rules.put(k.toLowerCase(Locale.ROOT), v));
    this.byUserAgent = rules;
  }

  /** {@link DlnaFlags#LIVE} for every TV. */
  public static StreamFeatures live() {
    return new StreamFeatures(DlnaFlags.LIVE, Map.of());
  }

  /** The flags for the TV that sent {@code userAgent} (null or "" for unknown). */
  public DlnaFlags flagsFor(String userAgent) {
    if (userAgent != null && !userAgent.isEmpty()) {
      String ua = userAgent.toLowerCase(Locale.ROOT);
      for (Map.Entry<String, DlnaFlags> rule : byUserAgent.entrySet()) {
        if (ua.contains(rule.getKey())) {
          return rule.getValue();
        }
      }
    }
    return defaultFlags;
  }

  /**
   * The fourth field of the protocolInfo, also the value of {@code contentFeatures.dlna.org}.
   *
   * @param format the stream's format, or null while it is not known yet (no profile is named then)
   */
  public String contentFeatures(LiveStreamFormat format, String userAgent) {
    StringBuilder s = new StringBuilder();
    Optional<String> profile = format == null ? Optional.empty() : DlnaProfile.of(format);
    profile.ifPresent(p -> s.append("DLNA.ORG_PN=").append(p).append(';'));
    s.append("DLNA.ORG_OP=00;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=").append(flagsFor(userAgent));
    return s.toString();
  }

  /** The res element's protocolInfo: {@code http-get:*:video/mpeg:} and {@link #contentFeatures}. */
  public String protocolInfo(LiveStreamFormat format, String userAgent) {
    return "http-get:*:" + MIME_TYPE + ":" + contentFeatures(format, userAgent);
  }
}
