package io.swarmtv.dlna;

import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.VideoFormat;
import java.util.List;

/**
 * What a channel's MPEG-TS carries, as far as a TV choosing whether it can play it cares.
 *
 * @param video the video stream's format from its sequence parameters; null for radio, or before
 *     the first keyframe is seen
 * @param audio the audio streams' types, in PMT order
 */
public record LiveStreamFormat(VideoFormat video, List<StreamType> audio) {
  public LiveStreamFormat {
    audio = List.copyOf(audio);
  }
}
