package io.swarmtv.ingest;

import java.util.List;

/**
 * What {@code swarmtv probe} found in a feed: its programs and streams, and the chunks, parts and
 * segments ingest would cut from it.
 */
public record ProbeReport(
    double durationSeconds,
    long bytes,
    long packets,
    long skippedBytes,
    long continuityErrors,
    List<String> errors,
    List<Program> programs,
    Chunks chunks) {

  /** One program and its elementary streams. */
  public record Program(int number, int pcrPid, List<Stream> streams) {}

  /**
   * One elementary stream; video fields are null for audio and data.
   *
   * @param keyframeIntervalSeconds mean distance between random-access points, null with fewer than two
   */
  public record Stream(
      int pid,
      String kind,
      String codec,
      String language,
      Integer width,
      Integer height,
      Double frameRate,
      String profile,
      String codecs,
      long bitrate,
      long frames,
      Long keyframes,
      Double keyframeIntervalSeconds) {}

  /** The cut: totals, and the first chunks one by one. */
  public record Chunks(
      long count,
      long parts,
      long segments,
      long discontinuities,
      double averageBytes,
      int maxBytes,
      double averageDurationMs,
      List<Cut> list,
      boolean listTruncated) {}

  /**
   * One chunk's boundary.
   *
   * @param ptsSeconds presentation time of the frame the chunk starts with, null mid-frame
   */
  public record Cut(long sequence, long offset, Double ptsSeconds, double durationMs, int bytes, String flags) {}
}
