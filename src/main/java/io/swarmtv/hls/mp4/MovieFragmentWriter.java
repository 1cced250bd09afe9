package io.swarmtv.hls.mp4;

import java.util.List;

/** Writes one movie fragment: a moof with a traf per track, then one mdat with their samples. */
final class MovieFragmentWriter {
  /** sample_depends_on 2: needs no other sample. */
  static final int SYNC_FLAGS = 0x02000000;
  /** sample_depends_on 1 and sample_is_non_sync_sample. */
  static final int NON_SYNC_FLAGS = 0x01010000;

  private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
  private static final int TRUN_DATA_OFFSET = 0x000001;
  private static final int TRUN_DURATION = 0x000100;
  private static final int TRUN_SIZE = 0x000200;
  private static final int TRUN_FLAGS = 0x000400;
  private static final int TRUN_COMPOSITION_OFFSET = 0x000800;

  private MovieFragmentWriter() {}

  static byte[] write(long sequenceNumber, List<TrackRun> runs) {
    long dataBytes = 0;
    int sampleCount = 0;
    for (TrackRun run : runs) {
      for (Sample s : run.samples()) {
        dataBytes += s.data().length;
      }
      sampleCount += run.samples().size();
    }
    if (dataBytes > Integer.MAX_VALUE - 1024 - 16L * sampleCount) {
      throw new RemuxException("fragment of " + dataBytes + " bytes is too large");
    }
    BoxWriter w = new BoxWriter((int) dataBytes + 256 + 16 * sampleCount);
    int moof = w.start("moof");
    int mfhd = w.startFull("mfhd", 0, 0);
    w.u32(sequenceNumber);
    w.end(mfhd);
    int[] dataOffsetAt = new int[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      TrackRun run = runs.get(i);
      int traf = w.start("traf");
      int tfhd = w.startFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF);
      w.u32(run.trackId());
      w.end(tfhd);
      int tfdt = w.startFull("tfdt", 1, 0);
      w.u64(run.baseDecodeTime());
      w.end(tfdt);
      int flags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS
          | (run.video() ? TRUN_COMPOSITION_OFFSET : 0);
      int trun = w.startFull("trun", 0, flags);
      w.u32(run.samples().size());
      dataOffsetAt[i] = w.position();
      w.u32(0); // data_offset, patched below
      List<Sample> samples = run.samples();
      for (int s = 0; s < samples.size(); s++) {
        Sample sample = samples.get(s);
        w.u32(run.durations()[s]);
        w.u32(sample.data().length);
        w.u32(sample.sync() ? SYNC_FLAGS : NON_SYNC_FLAGS);
        if (run.video()) {
          w.u32(sample.compositionOffset());
        }
      }
      w.end(trun);
      w.end(traf);
    }
    w.end(moof);
    int mdat = w.start("mdat");
    for (int i = 0; i < runs.size(); i++) {
      w.patchU32(dataOffsetAt[i], w.position() - moof);
      for (Sample s : runs.get(i).samples()) {
        w.bytes(s.data());
      }
    }
    w.end(mdat);
    return w.toByteArray();
  }
}
