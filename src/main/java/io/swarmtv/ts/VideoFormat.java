package io.swarmtv.ts;

/**
 * A video stream's coded format, read from its sequence parameters.
 *
 * @param type the stream type the parameters were read for
 * @param width displayed width in pixels, after cropping
 * @param height displayed height in pixels, after cropping (a frame, not a field)
 * @param frameRate frames per second from the stream's timing parameters, 0 when it gives none
 * @param profile the profile as ffprobe names it, e.g. "High" or "Main 10"; null when unsignalled
 * @param codecs the RFC 6381 codecs string, e.g. "avc1.64001f" or "hvc1.1.6.L93.B0"
 */
public record VideoFormat(
    StreamType type, int width, int height, double frameRate, String profile, String codecs) {}
