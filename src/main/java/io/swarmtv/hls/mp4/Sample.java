package io.swarmtv.hls.mp4;

/**
 * One coded frame as it goes into an mdat.
 *
 * @param data the frame: length-prefixed NAL units for video, a raw AAC frame for audio
 * @param decodeTime decode time in the track's timescale, unwrapped
 * @param compositionOffset presentation minus decode time, in the track's timescale
 * @param sync a decoder can start at this sample
 */
record Sample(byte[] data, long decodeTime, int compositionOffset, boolean sync) {}
