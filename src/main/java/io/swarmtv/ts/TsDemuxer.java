package io.swarmtv.ts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Follows an MPEG-TS packet by packet: PAT and PMT (including changes mid-stream), continuity
 * counters, PCRs, PES starts with their timestamps, and whether each video access unit is a
 * random-access point.
 *
 * <p>It keeps no payload beyond a bounded head of the current video access unit, so memory stays
 * constant whatever the input.
 */
public final class TsDemuxer {
  /** Bytes of a video access unit kept to find its picture type: SPS, PPS and SEI come first. */
  public static final int ACCESS_UNIT_HEAD = 16 * 1024;

  private final TsListener listener;
  private final int[] lastCc = new int[8192];
  private final PidState[] streams = new PidState[8192];
  private final Map<Integer, SectionAssembler> sections = new HashMap<>();
  private final Map<Integer, ProgramMap> programs = new HashMap<>();
  private ProgramAssociation pat;
  private long index;

  private static final class PidState {
    final ElementaryStream stream;
    byte[] head;
    int headLen;
    boolean inspecting;
    PesHeader header;
    long startIndex;

    PidState(ElementaryStream stream) {
      this.stream = stream;
    }
  }

  public TsDemuxer(TsListener listener) {
    this(listener, 0);
  }

  /**
   * A demuxer whose first packet has index {@code firstIndex}: one that takes over a stream midway
   * (after a source restart) reports packet indexes in the same count as its caller.
   */
  public TsDemuxer(TsListener listener, long firstIndex) {
    this.listener = Objects.requireNonNull(listener);
    this.index = firstIndex - 1;
    Arrays.fill(lastCc, -1);
    sections.put(TsPacket.PAT_PID, new SectionAssembler(new SectionAssembler.Sink() {
      @Override
      public void section(byte[] b, int len) {
        onPat(b, len);
      }

      @Override
      public void error(String message) {
        listener.onError("PAT: " + message, index);
      }
    }));
  }

  /** Index of the last packet accepted, counting from 0. */
  public long packetIndex() {
    return index;
  }

  /** The current PMTs by program number. */
  public Map<Integer, ProgramMap> programs() {
    return Map.copyOf(programs);
  }

  /** The PMT of the first program in the PAT, or null before it is known. */
  public ProgramMap firstProgram() {
    if (pat == null) {
      return null;
    }
    for (int program : pat.pmtPids().keySet()) {
      ProgramMap pmt = programs.get(program);
      if (pmt != null) return pmt;
    }
    return null;
  }

  /** Reads one 188-byte packet at {@code b[off]}; its sync byte must already be checked. */
  public void accept(byte[] b, int off) {
    index++;
    int pid = TsPacket.pid(b, off);
    if (pid == TsPacket.NULL_PID) {
      return;
    }
    if (TsPacket.transportError(b, off)) {
      listener.onError("PID " + pid + ": transport_error_indicator set, packet ignored", index);
      return;
    }
    if (!checkContinuity(b, off, pid)) {
      return;
    }
    long pcr = TsPacket.pcr(b, off);
    if (pcr >= 0) {
      listener.onPcr(pid, pcr, index);
    }
    int payload = TsPacket.payloadOffset(b, off);
    if (payload >= TsPacket.SIZE) {
      return;
    }
    boolean start = TsPacket.payloadUnitStart(b, off);
    PidState st = streams[pid];
    if (st != null) {
      listener.onPesPayload(st.stream, b, off + payload, off + TsPacket.SIZE, start, index);
      pes(st, b, off + payload, off + TsPacket.SIZE, start);
      return;
    }
    SectionAssembler sa = sections.get(pid);
    if (sa != null) {
      sa.accept(b, off + payload, off + TsPacket.SIZE, start);
    }
  }

  /** Returns false for a duplicate packet, which carries nothing new. */
  private boolean checkContinuity(byte[] b, int off, int pid) {
    int cc = TsPacket.continuityCounter(b, off);
    int last = lastCc[pid];
    if (!TsPacket.hasPayload(b, off)) {
      return true; // the counter does not advance without payload
    }
    lastCc[pid] = cc;
    if (last < 0 || TsPacket.discontinuityIndicator(b, off)) {
      return true;
    }
    if (cc == last) {
      return false;
    }
    int expected = (last + 1) & 0x0F;
    if (cc != expected) {
      listener.onContinuityError(pid, expected, cc, index);
      PidState st = streams[pid];
      if (st != null && st.inspecting) {
        finishAccessUnit(st); // the head is broken; report what was seen
      }
    }
    return true;
  }

  private void pes(PidState st, byte[] b, int p, int end, boolean start) {
    if (start) {
      if (st.inspecting) {
        finishAccessUnit(st);
      }
      PesHeader h = PesHeader.parse(b, p, end - p);
      if (h == null) {
        st.header = null;
        listener.onError("PID " + st.stream.pid() + ": payload unit start without a valid PES header", index);
        return;
      }
      st.header = h;
      st.startIndex = index;
      listener.onPesStart(st.stream, h, index);
      if (st.stream.type().isVideo()) {
        if (st.head == null) {
          st.head = new byte[ACCESS_UNIT_HEAD];
        }
        st.headLen = 0;
        st.inspecting = true;
        appendHead(st, b, p + h.headerLength(), end);
      }
    } else if (st.inspecting) {
      appendHead(st, b, p, end);
    }
  }

  private void appendHead(PidState st, byte[] b, int p, int end) {
    int n = Math.min(end - p, st.head.length - st.headLen);
    System.arraycopy(b, p, st.head, st.headLen, n);
    st.headLen += n;
    AccessUnitInfo info = AccessUnitInspector.inspect(st.stream.type(), st.head, 0, st.headLen);
    if (info.resolved() || st.headLen == st.head.length) {
      st.inspecting = false;
      listener.onAccessUnit(st.stream, st.header, info, st.startIndex);
    }
  }

  private void finishAccessUnit(PidState st) {
    st.inspecting = false;
    listener.onAccessUnit(st.stream, st.header,
        AccessUnitInspector.inspect(st.stream.type(), st.head, 0, st.headLen), st.startIndex);
  }

  private void onPat(byte[] b, int len) {
    ProgramAssociation next;
    try {
      next = ProgramAssociation.parse(b, len);
    } catch (TsFormatException e) {
      listener.onError(e.getMessage(), index);
      return;
    }
    if (next.equals(pat)) {
      return;
    }
    if (pat != null) {
      for (int pid : pat.pmtPids().values()) {
        if (!next.pmtPids().containsValue(pid)) sections.remove(pid);
      }
      programs.keySet().retainAll(next.pmtPids().keySet());
    }
    pat = next;
    for (Map.Entry<Integer, Integer> e : next.pmtPids().entrySet()) {
      int pid = e.getValue();
      if (pid == TsPacket.PAT_PID || pid == TsPacket.NULL_PID) {
        listener.onError("PAT maps program " + e.getKey() + " to reserved PID " + pid, index);
        continue;
      }
      sections.computeIfAbsent(pid, k -> new SectionAssembler(new SectionAssembler.Sink() {
        @Override
        public void section(byte[] sb, int slen) {
          onPmt(sb, slen);
        }

        @Override
        public void error(String message) {
          listener.onError("PMT on PID " + k + ": " + message, index);
        }
      }));
    }
  }

  private void onPmt(byte[] b, int len) {
    ProgramMap pmt;
    try {
      pmt = ProgramMap.parse(b, len);
    } catch (TsFormatException e) {
      listener.onError(e.getMessage(), index);
      return;
    }
    if (pat == null || !pat.pmtPids().containsKey(pmt.programNumber())) {
      return;
    }
    ProgramMap old = programs.put(pmt.programNumber(), pmt);
    if (pmt.equals(old)) {
      return;
    }
    if (old != null) {
      for (ElementaryStream s : old.streams()) {
        streams[s.pid()] = null;
      }
    }
    for (ElementaryStream s : pmt.streams()) {
      if (s.pid() != TsPacket.NULL_PID && !sections.containsKey(s.pid())) {
        streams[s.pid()] = new PidState(s);
      }
    }
    listener.onProgramMap(pmt, index);
  }
}
