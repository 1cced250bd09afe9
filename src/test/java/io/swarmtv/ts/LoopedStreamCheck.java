package io.swarmtv.ts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a looped stream with our own demuxer and collects what must stay continuous across wraps. */
final class LoopedStreamCheck implements TsListener {
  private static final long PCR_MODULUS = Timestamps.PTS_MODULUS * TsPacket.PCR_PER_PTS;

  final List<String> problems = new ArrayList<>();
  /** Per PID, the PES DTS in stream order. */
  final Map<Integer, List<Long>> dts = new HashMap<>();
  final Map<Integer, StreamType> types = new HashMap<>();
  long pcrs;
  private final Map<Integer, Long> lastPcr = new HashMap<>();

  static LoopedStreamCheck of(Path file) throws IOException {
    LoopedStreamCheck check = new LoopedStreamCheck();
    TsDemuxer demuxer = new TsDemuxer(check);
    byte[] buf = new byte[TsPacket.SIZE * 256];
    try (InputStream in = Files.newInputStream(file)) {
      TsPacketReader reader = new TsPacketReader(in);
      int n;
      while ((n = reader.read(buf, 0, 256)) >= 0) {
        for (int i = 0; i < n; i++) {
          demuxer.accept(buf, i * TsPacket.SIZE);
        }
      }
      if (reader.skippedBytes() != 0) {
        check.problems.add(reader.skippedBytes() + " bytes out of packet alignment");
      }
    }
    return check;
  }

  @Override
  public void onContinuityError(int pid, int expected, int actual, long packetIndex) {
    problems.add("PID " + pid + " CC " + actual + " where " + expected + " was due, packet " + packetIndex);
  }

  @Override
  public void onError(String message, long packetIndex) {
    problems.add(message + ", packet " + packetIndex);
  }

  @Override
  public void onPcr(int pid, long pcr27, long packetIndex) {
    Long last = lastPcr.put(pid, pcr27);
    pcrs++;
    // Modular: "increasing" must hold across the 2^33 wrap too.
    if (last != null) {
      long step = Math.floorMod(pcr27 - last, PCR_MODULUS);
      if (step == 0 || step > PCR_MODULUS / 2) {
        problems.add("PCR of PID " + pid + " went from " + last + " to " + pcr27 + ", packet " + packetIndex);
      }
    }
  }

  @Override
  public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
    types.put(stream.pid(), stream.type());
    dts.computeIfAbsent(stream.pid(), k -> new ArrayList<>()).add(header.dts());
  }

  /** The PID of the one stream of {@code kind}. */
  int pid(StreamType.Kind kind) {
    List<Integer> pids = types.entrySet().stream().filter(e -> e.getValue().kind() == kind)
        .map(Map.Entry::getKey).toList();
    assertEquals(1, pids.size(), "streams of kind " + kind + ": " + types);
    return pids.get(0);
  }

  /** Asserts every video PES's DTS is exactly {@code step} on from the one before, wrap or not. */
  void assertVideoDtsStep(long step) {
    List<Long> list = dts.get(pid(StreamType.Kind.VIDEO));
    assertTrue(list.size() > 1);
    for (int i = 1; i < list.size(); i++) {
      long d = Timestamps.delta(list.get(i - 1), list.get(i));
      if (d != step) {
        throw new AssertionError("video DTS " + list.get(i - 1) + " -> " + list.get(i) + " at PES " + i
            + ": step " + d + ", not " + step);
      }
    }
  }
}
