package io.swarmtv.dlna;

import java.util.Locale;

/**
 * The primary DLNA.ORG_FLAGS word of a stream (DLNA guidelines 7.4.1.3.24): which transfer modes
 * and seeks it offers. TVs read these differently, so the gateway lets them be set per model.
 *
 * @param bits the 32 primary flag bits
 */
public record DlnaFlags(int bits) {
  /** Content the sender paces (broadcast-like). */
  public static final int SENDER_PACED = 1 << 31;
  /** The oldest byte offered moves forward: a live window. */
  public static final int S0_INCREASING = 1 << 27;
  /** The newest byte offered moves forward: content still growing. */
  public static final int SN_INCREASING = 1 << 26;
  /** Streaming transfer mode: real-time playback. */
  public static final int STREAMING = 1 << 24;
  /** Background transfer mode. */
  public static final int BACKGROUND = 1 << 22;
  /** Conforms to DLNA 1.5. */
  public static final int DLNA_V15 = 1 << 20;

  /**
   * A live stream that can be neither seeked nor paused, delivered in streaming mode: what most
   * TVs play at once. Samsung, LG and Sony TVs accept it; a TV that wants the growing-window
   * flags gets {@link #LIVE_WINDOW} through a per-model rule.
   */
  public static final DlnaFlags LIVE = new DlnaFlags(STREAMING | BACKGROUND | DLNA_V15);

  /** {@link #LIVE} plus the flags that say the content is a moving window of a growing stream. */
  public static final DlnaFlags LIVE_WINDOW = new DlnaFlags(S0_INCREASING | SN_INCREASING | STREAMING | BACKGROUND | DLNA_V15);

  /** Parses the 32-hex-digit form, or just its first 8 digits. */
  public static DlnaFlags parse(String hex) {
    String h = hex.trim();
    if (!h.matches("[0-9A-Fa-f]{8}([0-9A-Fa-f]{24})?")) {
      throw new IllegalArgumentException("DLNA flags must be 8 or 32 hex digits, not \"" + hex + "\"");
    }
    if (h.length() == 32 && !h.substring(8).matches("0+")) {
      throw new IllegalArgumentException("DLNA flags: the last 24 hex digits are reserved and must be 0: " + hex);
    }
    return new DlnaFlags((int) Long.parseLong(h.substring(0, 8), 16));
  }

  /** The 32 hex digits DLNA.ORG_FLAGS takes: the primary word, then 96 reserved zero bits. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%08X", bits) + "0".repeat(24);
  }
}
