package io.swarmtv.ts;

/** What a {@link TsDemuxer} reports as it reads; every method has a do-nothing default. */
public interface TsListener {

  /** A program's PMT was read for the first time or changed (new version, PIDs or types). */
  default void onProgramMap(ProgramMap pmt, long packetIndex) {}

  /** A packet of {@code pid} carried a PCR (27 MHz). */
  default void onPcr(int pid, long pcr27, long packetIndex) {}

  /** A PES packet of a known elementary stream starts in packet {@code packetIndex}. */
  default void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {}

  /**
   * Payload bytes {@code b[from, to)} of one packet of a known elementary stream, after the
   * continuity check; {@code unitStart} when a PES packet (header included) starts there.
   */
  default void onPesPayload(ElementaryStream stream, byte[] b, int from, int to, boolean unitStart,
      long packetIndex) {}

  /**
   * The head of a video access unit that started in packet {@code startIndex} has been inspected:
   * {@code info.resolved()} says whether its picture type was found before the head bound.
   */
  default void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {}

  /** Packets of {@code pid} were lost or reordered upstream. */
  default void onContinuityError(int pid, int expected, int actual, long packetIndex) {}

  /** A malformed table, PES header or packet; reading goes on. */
  default void onError(String message, long packetIndex) {}
}
