package io.swarmtv.discovery.tracker;

import java.net.URI;

/**
 * One tracker's state for one channel, as the status page shows it. Times are
 * {@link io.swarmtv.ingest.MicrosClock} microseconds; 0 means never.
 *
 * @param lastAnnounceMicros when the last announce was answered successfully
 * @param lastError why the last announce failed, or null if it succeeded
 * @param peersReturned how many peers the last successful reply listed
 * @param nextAnnounceMicros when the next announce is due
 * @param announces successful announces so far
 * @param failures failed announces in a row
 * @param seeders the tracker's count from its last reply, -1 if not known
 * @param leechers likewise
 */
public record TrackerStatus(URI tracker, long lastAnnounceMicros, String lastError, int peersReturned,
    long nextAnnounceMicros, long announces, int failures, long seeders, long leechers) {}
