package io.swarmtv.hls;

import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.ProgramMap;
import io.swarmtv.ts.StreamType;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import io.swarmtv.ts.VideoFormat;
import java.util.List;

/**
 * Reads a channel's MPEG-TS as it passes and keeps what the master playlist needs: the video's
 * RFC 6381 codecs, resolution and frame rate from its sequence parameters, and the audio codec
 * (for AAC the object type from the ADTS header).
 */
public final class StreamDescriber implements TsListener {
  private TsDemuxer demuxer = new TsDemuxer(this);
  private VideoFormat video;
  private ElementaryStream audio;
  private List<StreamType> audioTypes = List.of();
  private int primaryPid = -1;
  private String audioCodecs;

  /** Reads whole packets. */
  public void accept(byte[] b, int off, int len) {
    for (int p = off; p + TsPacket.SIZE <= off + len; p += TsPacket.SIZE) {
      if (!TsPacket.hasSync(b, p)) {
        continue;
      }
      demuxer.accept(b, p);
      if (audio != null && audioCodecs == null && TsPacket.pid(b, p) == audio.pid()
          && TsPacket.payloadUnitStart(b, p)) {
        audioCodecs = audioCodecs(b, p);
      }
    }
  }

  /** The source restarted: its streams may differ from here on. */
  public void reset() {
    demuxer = new TsDemuxer(this);
    video = null;
    audio = null;
    audioTypes = List.of();
    audioCodecs = null;
    primaryPid = -1;
  }

  /** The video's format from its last sequence parameters, or null before the first keyframe. */
  public VideoFormat videoFormat() {
    return video;
  }

  /** The program's audio streams' types, in PMT order. */
  public List<StreamType> audioTypes() {
    return audioTypes;
  }

  /** The PID parts and segments are cut by (the first video, else the first audio), or -1. */
  public int primaryPid() {
    return primaryPid;
  }

  /** What is known so far. */
  public StreamDescription description() {
    String a = audioCodecs;
    if (a == null && audio != null) {
      a = fixedAudioCodecs(audio.type());
    }
    if (video == null) {
      return new StreamDescription(null, a, 0, 0, 0);
    }
    return new StreamDescription(video.codecs(), a, video.width(), video.height(), video.frameRate());
  }

  @Override
  public void onProgramMap(ProgramMap pmt, long packetIndex) {
    ProgramMap first = demuxer.firstProgram();
    if (first == null || first.programNumber() != pmt.programNumber()) {
      return;
    }
    audio = pmt.streams().stream().filter(s -> s.type().isAudio()).findFirst().orElse(null);
    audioTypes = pmt.streams().stream().map(ElementaryStream::type).filter(StreamType::isAudio).toList();
    primaryPid = pmt.primary() == null ? -1 : pmt.primary().pid();
    audioCodecs = null;
  }

  @Override
  public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
    if (info.format() != null && info.format().codecs() != null) {
      video = info.format();
    }
  }

  private String audioCodecs(byte[] b, int p) {
    if (audio.type() != StreamType.AAC) {
      return fixedAudioCodecs(audio.type());
    }
    int payload = TsPacket.payloadOffset(b, p);
    if (payload >= TsPacket.SIZE) {
      return null;
    }
    PesHeader h = PesHeader.parse(b, p + payload, TsPacket.SIZE - payload);
    int adts = p + payload + (h == null ? TsPacket.SIZE : h.headerLength());
    if (adts + 3 > p + TsPacket.SIZE) {
      return null;
    }
    if ((b[adts] & 0xFF) != 0xFF || (b[adts + 1] & 0xF0) != 0xF0) {
      return null;
    }
    int objectType = ((b[adts + 2] & 0xC0) >>> 6) + 1; // ADTS profile is the object type minus one
    return "mp4a.40." + objectType;
  }

  private static String fixedAudioCodecs(StreamType type) {
    switch (type) {
      case AC3: return "ac-3";
      case EAC3: return "ec-3";
      case MPEG_AUDIO: return "mp4a.40.34";
      default: return null;
    }
  }
}
