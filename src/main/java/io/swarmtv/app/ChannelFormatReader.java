package io.swarmtv.app;

import io.swarmtv.channel.ChannelMetadata;
import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.ProgramMap;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.ts.VideoFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the broadcaster's stream carries, read from its packets as they go out: the RFC 6381
 * codecs string of each stream of the first program and the video's picture, for the signed
 * channel metadata. Fed on one thread; {@link #current()} may be read from any.
 */
final class ChannelFormatReader implements TsListener {
  /** What has been learned so far. */
  record Format(List<String> codecs, ChannelMetadata.Video video) {}

  private final TsDemuxer demuxer = new TsDemuxer(this);
  /** Per PID of the first program, in PMT order: its codecs string once known, else null. */
  private final Map<Integer, String> codecs = new LinkedHashMap<>();
  private ChannelMetadata.Video video;
  private int programNumber = -1;
  /** The first video stream of the program: its picture is the channel's. */
  private int videoPid = -1;
  /** A PES of an ADTS AAC stream starts in the packet being read: its header names the profile. */
  private PesHeader aacStart;
  private volatile Format current = new Format(List.of(), null);

  /** Reads whole 188-byte packets from {@code payload}, such as a chunk's. */
  void accept(byte[] payload) {
    for (int off = 0; off + TsPacket.SIZE <= payload.length; off += TsPacket.SIZE) {
      aacStart = null;
      demuxer.accept(payload, off);
      if (aacStart != null) {
        readAdts(payload, off);
      }
    }
  }

  /** The codecs and picture learned so far: immutable, safe from any thread. */
  Format current() {
    return current;
  }

  @Override
  public void onProgramMap(ProgramMap pmt, long packetIndex) {
    if (programNumber >= 0 && pmt.programNumber() != programNumber) {
      return; // the first program is the channel
    }
    programNumber = pmt.programNumber();
    Map<Integer, String> before = new LinkedHashMap<>(codecs);
    codecs.clear();
    videoPid = -1;
    for (ElementaryStream s : pmt.streams()) {
      codecs.put(s.pid(), before.containsKey(s.pid()) ? before.get(s.pid()) : fixedCodecs(s));
      if (videoPid < 0 && s.type().isVideo()) videoPid = s.pid();
    }
    if (videoPid < 0) video = null;
    publish();
  }

  @Override
  public void onPesStart(ElementaryStream stream, PesHeader header, long packetIndex) {
    if (stream.type() == StreamType.AAC && codecs.containsKey(stream.pid())) {
      aacStart = header;
    }
  }

  @Override
  public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
    VideoFormat f = info.format();
    if (f == null || !codecs.containsKey(stream.pid())) {
      return;
    }
    ChannelMetadata.Video v = stream.pid() == videoPid ? ChannelMetadata.Video.of(f.width(), f.height(), f.frameRate())
        : video;
    if (!f.codecs().equals(codecs.get(stream.pid())) || !java.util.Objects.equals(v, video)) {
      codecs.put(stream.pid(), f.codecs());
      video = v;
      publish();
    }
  }

  /** ADTS header at the PES payload start: the profile gives the MPEG-4 audio object type. */
  private void readAdts(byte[] b, int off) {
    int pid = TsPacket.pid(b, off);
    int at = off + TsPacket.payloadOffset(b, off) + aacStart.headerLength();
    if (at + 3 > off + TsPacket.SIZE) {
      return; // the header is split over packets: the next PES will do
    }
    if ((b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xF0) != 0xF0) {
      return; // not ADTS
    }
    int objectType = ((b[at + 2] & 0xC0) >>> 6) + 1;
    String c = "mp4a.40." + objectType;
    if (!c.equals(codecs.get(pid))) {
      codecs.put(pid, c);
      publish();
    }
  }

  /** Codecs strings that the stream type alone settles; null when the stream must be read. */
  private static String fixedCodecs(ElementaryStream s) {
    return switch (s.type()) {
      case AC3 -> "ac-3";
      case EAC3 -> "ec-3";
      // MP4 object type indications: 0x6B MPEG-1 audio (ISO/IEC 11172-3), 0x69 MPEG-2 audio
      case MPEG_AUDIO -> s.streamTypeCode() == 0x03 ? "mp4a.6B" : "mp4a.69";
      default -> null;
    };
  }

  private void publish() {
    List<String> list = new ArrayList<>();
    for (String c : codecs.values()) {
      if (c != null && list.size() < ChannelMetadata.MAX_CODECS) list.add(c);
    }
    current = new Format(List.copyOf(list), video);
  }
}
