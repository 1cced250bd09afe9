package io.swarmtv.hls;

/**
 * A part remuxed to fragmented MP4 (CMAF): one moof+mdat, played after init segment
 * {@code initVersion}.
 *
 * @param bytes the fragment, never mutated
 * @param initVersion which init segment it needs ({@code EXT-X-MAP})
 */
public record CmafPart(byte[] bytes, int initVersion) {}
