package io.swarmtv.hls;

import java.util.ArrayList;
import java.util.List;

/**
 * What a master playlist says about a channel's streams.
 *
 * @param videoCodecs RFC 6381 string of the video, e.g. {@code avc1.64001e}, or null
 * @param audioCodecs RFC 6381 string of the audio, e.g. {@code mp4a.40.2}, or null
 * @param width displayed width, 0 when unknown
 * @param height displayed height, 0 when unknown
 * @param frameRate frames per second, 0 when unknown
 */
public record StreamDescription(String videoCodecs, String audioCodecs, int width, int height, double frameRate) {

  /** Nothing known yet. */
  public static final StreamDescription UNKNOWN = new StreamDescription(null, null, 0, 0, 0);

  /** The CODECS attribute value, or null when no codec is known. */
  public String codecs() {
    List<String> all = new ArrayList<>(2);
    if (videoCodecs != null) all.add(videoCodecs);
    if (audioCodecs != null) all.add(audioCodecs);
    return all.isEmpty() ? null : String.join(",", all);
  }
}
