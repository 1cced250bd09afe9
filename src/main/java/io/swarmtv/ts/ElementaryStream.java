package io.swarmtv.ts;

/**
 * One elementary stream of a program, as its PMT describes it.
 *
 * @param pid the packets' PID
 * @param streamTypeCode the raw stream_type byte
 * @param type what the stream carries
 * @param language ISO 639 language code from descriptor 0x0A, or null
 */
public record ElementaryStream(int pid, int streamTypeCode, StreamType type, String language) {}
