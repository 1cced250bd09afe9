package io.swarmtv.ts;

/**
 * What the head of one video access unit tells.
 *
 * @param resolved the first picture or slice header was seen, so {@code randomAccess} is final;
 *     until then it is only a guess from the sequence-level headers seen so far
 * @param randomAccess a decoder can start at this access unit
 * @param format the coded format, or null when no usable sequence header is in these bytes
 */
public record AccessUnitInfo(boolean resolved, boolean randomAccess, VideoFormat format) {}
