package io.swarmtv.ingest;

/**
 * What an {@link Ingest} has seen so far.
 *
 * @param packets aligned packets taken from the feed
 * @param bytes their bytes (188 per packet)
 * @param skippedBytes bytes dropped because they were not part of an aligned packet
 * @param resyncs times packet alignment was lost and found again
 * @param datagramsDropped UDP datagrams thrown away whole
 * @param chunks chunks cut
 * @param discontinuities times the feed started over (a looped file)
 */
public record IngestCounters(
    long packets, long bytes, long skippedBytes, long resyncs, long datagramsDropped, long chunks, long discontinuities) {}
