package io.swarmtv.hls.mp4;

import io.swarmtv.ts.Timestamps;

/**
 * Writes the init segment (ftyp+moov) an EXT-X-MAP points at: one video and/or one audio track,
 * no samples in the moov, and an mvex so players expect movie fragments.
 */
final class InitSegmentWriter {
  static final int VIDEO_TIMESCALE = (int) Timestamps.HZ;
  private static final int MOVIE_TIMESCALE = 1000;
  private static final int LANGUAGE_UND = ((('u' - 0x60) << 10) | (('n' - 0x60) << 5) | ('d' - 0x60));

  private InitSegmentWriter() {}

  /** Either config may be null, not both; track ids are 1 for video, then audio. */
  static byte[] write(VideoConfig video, int videoTrackId, AudioConfig audio, int audioTrackId) {
    BoxWriter w = new BoxWriter(1024);
    int ftyp = w.start("ftyp");
    w.fourcc("iso6");
    w.u32(0);
    w.fourcc("iso6");
    w.fourcc("iso5");
    w.fourcc("mp41");
    w.end(ftyp);

    int moov = w.start("moov");
    int mvhd = w.startFull("mvhd", 0, 0);
    w.u32(0); // creation_time
    w.u32(0); // modification_time
    w.u32(MOVIE_TIMESCALE);
    w.u32(0); // duration: live
    w.u32(0x00010000); // rate 1.0
    w.u16(0x0100); // volume 1.0
    w.zeros(10);
    w.unityMatrix();
    w.zeros(24); // pre_defined
    w.u32(Math.max(videoTrackId, audioTrackId) + 1); // next_track_ID
    w.end(mvhd);
    if (video != null) {
      track(w, videoTrackId, video, null);
    }
    if (audio != null) {
      track(w, audioTrackId, null, audio);
    }
    int mvex = w.start("mvex");
    if (video != null) {
      trex(w, videoTrackId);
    }
    if (audio != null) {
      trex(w, audioTrackId);
    }
    w.end(mvex);
    w.end(moov);
    return w.toByteArray();
  }

  private static void track(BoxWriter w, int trackId, VideoConfig video, AudioConfig audio) {
    int trak = w.start("trak");
    int tkhd = w.startFull("tkhd", 0, 0x000003); // enabled, in movie
    w.u32(0);
    w.u32(0);
    w.u32(trackId);
    w.u32(0); // reserved
    w.u32(0); // duration
    w.zeros(8);
    w.u16(0); // layer
    w.u16(0); // alternate_group
    w.u16(audio != null ? 0x0100 : 0);
    w.u16(0);
    w.unityMatrix();
    w.u32(video != null ? (long) video.format().width() << 16 : 0);
    w.u32(video != null ? (long) video.format().height() << 16 : 0);
    w.end(tkhd);

    int mdia = w.start("mdia");
    int mdhd = w.startFull("mdhd", 0, 0);
    w.u32(0);
    w.u32(0);
    w.u32(video != null ? VIDEO_TIMESCALE : audio.sampleRate());
    w.u32(0);
    w.u16(LANGUAGE_UND);
    w.u16(0);
    w.end(mdhd);
    int hdlr = w.startFull("hdlr", 0, 0);
    w.u32(0);
    w.fourcc(video != null ? "vide" : "soun");
    w.zeros(12);
    w.bytes((video != null ? "VideoHandler\0" : "SoundHandler\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    w.end(hdlr);

    int minf = w.start("minf");
    if (video != null) {
      int vmhd = w.startFull("vmhd", 0, 1);
      w.zeros(8); // graphicsmode, opcolor
      w.end(vmhd);
    } else {
      int smhd = w.startFull("smhd", 0, 0);
      w.zeros(4); // balance, reserved
      w.end(smhd);
    }
    int dinf = w.start("dinf");
    int dref = w.startFull("dref", 0, 0);
    w.u32(1);
    int url = w.startFull("url ", 0, 1); // media in the same file
    w.end(url);
    w.end(dref);
    w.end(dinf);

    int stbl = w.start("stbl");
    int stsd = w.startFull("stsd", 0, 0);
    w.u32(1);
    if (video != null) {
      videoSampleEntry(w, video);
    } else {
      audioSampleEntry(w, audio, trackId);
    }
    w.end(stsd);
    for (String empty : new String[] {"stts", "stsc", "stco"}) {
      int b = w.startFull(empty, 0, 0);
      w.u32(0);
      w.end(b);
    }
    int stsz = w.startFull("stsz", 0, 0);
    w.u32(0);
    w.u32(0);
    w.end(stsz);
    w.end(stbl);
    w.end(minf);
    w.end(mdia);
    w.end(trak);
  }

  private static void videoSampleEntry(BoxWriter w, VideoConfig video) {
    int entry = w.start(video.sampleEntryType());
    w.zeros(6);
    w.u16(1); // data_reference_index
    w.zeros(16); // pre_defined, reserved
    w.u16(video.format().width());
    w.u16(video.format().height());
    w.u32(0x00480000); // 72 dpi
    w.u32(0x00480000);
    w.u32(0);
    w.u16(1); // frame_count
    w.zeros(32); // compressorname
    w.u16(0x0018); // depth
    w.u16(0xFFFF); // pre_defined -1
    int config = w.start(video.configurationBoxType());
    w.bytes(video.configurationRecord());
    w.end(config);
    w.end(entry);
  }

  private static void audioSampleEntry(BoxWriter w, AudioConfig audio, int trackId) {
    int entry = w.start("mp4a");
    w.zeros(6);
    w.u16(1); // data_reference_index
    w.zeros(8);
    w.u16(audio.channelCount());
    w.u16(16); // samplesize
    w.u32(0); // pre_defined, reserved
    w.u32(audio.sampleRate() <= 0xFFFF ? (long) audio.sampleRate() << 16 : 0);
    int esds = w.startFull("esds", 0, 0);
    byte[] asc = audio.audioSpecificConfig();
    w.u8(0x03); // ES_DescrTag
    w.u8(3 + 2 + 13 + 2 + asc.length + 3);
    w.u16(trackId); // ES_ID
    w.u8(0); // no dependency, URL or OCR stream
    w.u8(0x04); // DecoderConfigDescrTag
    w.u8(13 + 2 + asc.length);
    w.u8(0x40); // objectTypeIndication: MPEG-4 audio
    w.u8(0x15); // streamType audio, upStream 0, reserved 1
    w.u24(0); // bufferSizeDB unknown
    w.u32(0); // maxBitrate unknown
    w.u32(0); // avgBitrate unknown
    w.u8(0x05); // DecSpecificInfoTag
    w.u8(asc.length);
    w.bytes(asc);
    w.u8(0x06); // SLConfigDescrTag
    w.u8(1);
    w.u8(0x02); // predefined: reserved for MP4 files
    w.end(esds);
    w.end(entry);
  }

  private static void trex(BoxWriter w, int trackId) {
    int trex = w.startFull("trex", 0, 0);
    w.u32(trackId);
    w.u32(1); // default_sample_description_index
    w.u32(0);
    w.u32(0);
    w.u32(0);
    w.end(trex);
  }
}
