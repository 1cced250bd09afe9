package io.swarmtv.hls;

/** The two forms a channel's segments and parts are served in, from the same parts. */
public enum SegmentFormat {
  /** MPEG-TS segments: the widest reach (older TVs, set-top boxes). */
  TS("ts", "media.m3u8", "video/mp2t"),
  /** Fragmented MP4 (CMAF) with an init segment: Apple devices, browsers through MSE. */
  CMAF("m4s", "media-cmaf.m3u8", "video/mp4");

  private final String extension;
  private final String playlist;
  private final String contentType;

  SegmentFormat(String extension, String playlist, String contentType) {
    this.extension = extension;
    this.playlist = playlist;
    this.contentType = contentType;
  }

  /** File extension of its segments and parts. */
  public String extension() {
    return extension;
  }

  /** Name of its media playlist beside the master playlist. */
  public String playlist() {
    return playlist;
  }

  /** Content-Type of its segments and parts. */
  public String contentType() {
    return contentType;
  }
}
