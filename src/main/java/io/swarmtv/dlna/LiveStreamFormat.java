package io.swarmtv.dlna;

import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.ProgramMap;
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

  /**
   * From what the ts package reads off a stream: its PMT, and the video format of an access unit
   * ({@code AccessUnitInfo.format()}; null until the first keyframe or for radio).
   */
  public static LiveStreamFormat of(ProgramMap pmt, VideoFormat video) {
    return new LiveStreamFormat(video,
        pmt.streams().stream().map(ElementaryStream::type).filter(StreamType::isAudio).toList());
  }
}
