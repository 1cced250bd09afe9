package io.swarmtv.hls.mp4;

/**
 * One fMP4 fragment (moof+mdat) holding the complete samples of one LL-HLS part.
 *
 * @param bytes the moof and mdat boxes, ready to serve after the init segment
 * @param baseDecodeTime90k decode time of the fragment's first video sample (of its first audio
 *     sample for a stream without video), 90 kHz, unwrapped so it only grows along one timeline
 * @param durationTicks90k sum of the durations of the fragment's video (or, without video, audio)
 *     samples, 90 kHz; the last video sample's duration is estimated, see {@link Fmp4Remuxer}
 * @param independent the fragment starts with a keyframe (IDR/IRAP), or has only audio
 */
public record Fragment(byte[] bytes, long baseDecodeTime90k, long durationTicks90k, boolean independent) {}
