package io.swarmtv.hls.mp4;

import java.util.List;

/**
 * The samples of one track that go into one fragment.
 *
 * @param trackId the track's id in the init segment
 * @param video whether the track is video (its samples carry sync flags and composition offsets)
 * @param samples the samples in decode order, at least one
 * @param durations each sample's duration in the track's timescale
 */
record TrackRun(int trackId, boolean video, List<Sample> samples, long[] durations) {

  long baseDecodeTime() {
    return samples.get(0).decodeTime();
  }

  long totalDuration() {
    long sum = 0;
    for (long d : durations) {
      sum += d;
    }
    return sum;
  }
}
