package io.swarmtv.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.PartialSegment;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import io.swarmtv.channel.Chunk;
import io.swarmtv.ts.AccessUnitInfo;
import io.swarmtv.ts.ElementaryStream;
import io.swarmtv.ts.PesHeader;
import io.swarmtv.ts.Timestamps;
import io.swarmtv.ts.TsDemuxer;
import io.swarmtv.ts.TsListener;
import io.swarmtv.ts.TsPacket;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Twelve minutes of a live channel through the gateway's HLS side on a virtual clock, with chunks
 * arriving late and out of order, runs of chunks lost for good and a source restart: every
 * playlist served along the way is parsed by an independent HLS parser and checked against RFC
 * 8216 and the LL-HLS rules, and against every playlist served before it.
 */
class LivePlaylistLongRunTest {
  private static final long START = 1_780_000_000_000_000L;
  private static final long MINUTES = 12;
  private static final long STEP = 20_000;
  private final MediaPlaylistParser parser = new MediaPlaylistParser(ParsingMode.STRICT);

  /** A chunk with the virtual time it reaches the gateway. */
  private record Arrival(long at, Chunk chunk) {}

  @Test
  void playlistsFollowTheRulesForMinutesOfLossReorderingAndARestart() throws Exception {
    Random random = new Random(8216);
    ManualClock clock = new ManualClock(START);
    ChannelHls channel = new ChannelHls("ch", () -> "Test", HlsSettings.DEFAULT, clock);
    ClipChunks source = new ClipChunks(START);
    PriorityQueue<Arrival> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    long end = START + MINUTES * 60_000_000;
    int lossRuns = 0;
    boolean restarted = false;
    Chunk pending = source.next();
    History history = new History();
    int renders = 0;
    for (long now = START; now < end; now += STEP) {
      clock.set(now);
      // The source cuts chunks up to now; each reaches the gateway 0..400 ms later, or never.
      while (pending.timestampMicros() <= now) {
        if (!restarted && now > START + MINUTES * 30_000_000) {
          source = source.restarted(pending.timestampMicros() + pending.durationMicros());
          restarted = true;
        }
        if (random.nextInt(400) == 0) {
          int run = 1 + random.nextInt(40);
          lossRuns++;
          for (int i = 0; i < run; i++) {
            pending = source.next();
          }
        }
        inFlight.add(new Arrival(pending.timestampMicros() + random.nextInt(400_000), pending));
        pending = source.next();
      }
      while (!inFlight.isEmpty() && inFlight.peek().at <= now) {
        channel.accept(inFlight.poll().chunk);
      }
      channel.tick();
      LiveWindow w = channel.window();
      if (w.playable()) {
        String text = MediaPlaylist.render(w, false);
        try {
          var ts = parse(text);
          history.check(w, ts, parse(MediaPlaylist.render(w, true)));
          if (renders % 10 == 0) {
            history.checkCmaf(ts, parse(MediaPlaylist.render(w, false, SegmentFormat.CMAF)));
          }
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + " in\n" + text, e);
        }
        renders++;
      }
    }
    assertTrue(renders > 30_000, "playlists checked: " + renders);
    assertTrue(lossRuns > 10, "loss runs injected: " + lossRuns);
    assertTrue(history.gaps > 0, "losses show as EXT-X-GAP segments");
    assertTrue(history.discontinuities >= history.gapRuns + 1, "every gap and the restart end in a discontinuity: "
        + history.discontinuities + " discontinuities for " + history.gapRuns + " gap runs");
    assertTrue(history.segmentsChecked > 300, "segments decoded: " + history.segmentsChecked);
    assertTrue(channel.lostChunks() > 0);
    assertTrue(history.cmafSegments > 1000, "fMP4 segments listed: " + history.cmafSegments);
    String master = MasterPlaylist.render(channel.window(), channel.description());
    var variant = new MasterPlaylistParser(ParsingMode.STRICT).readPlaylist(master).variants().get(0);
    assertEquals(List.of("avc1.4d401e", "mp4a.40.2"), variant.codecs());
    assertEquals(854, variant.resolution().orElseThrow().width());
    assertEquals(480, variant.resolution().orElseThrow().height());
    assertEquals(25.0, variant.frameRate().orElseThrow(), 0.01);
    long average = variant.averageBandwidth().orElseThrow();
    assertTrue(average > 900_000 && average < 1_300_000, "the clip runs at about 1.09 Mbit/s: " + average);
    assertTrue(variant.bandwidth() >= average);
  }

  private io.lindstrom.m3u8.model.MediaPlaylist parse(String text) {
    try {
      return parser.readPlaylist(text);
    } catch (RuntimeException | io.lindstrom.m3u8.parser.PlaylistParserException e) {
      throw new AssertionError("unparseable playlist:\n" + text, e);
    }
  }

  /** What earlier playlists said, which later ones must agree with. */
  private static final class History {
    final Map<String, Long> msnOf = new HashMap<>();
    final Map<String, Long> discontinuitySequenceOf = new HashMap<>();
    final Map<Long, String> uriOf = new HashMap<>();
    long target = -1;
    double partTarget = -1;
    long lastMediaSequence = -1;
    long lastDiscontinuitySequence = -1;
    long newestChecked = -1;
    long gaps;
    long gapRuns;
    long discontinuities;
    long segmentsChecked;
    long lastVideoPts = -1;
    boolean lastWasGap;

    void check(LiveWindow w, io.lindstrom.m3u8.model.MediaPlaylist p, io.lindstrom.m3u8.model.MediaPlaylist delta) {
      if (target < 0) {
        target = p.targetDuration();
        partTarget = p.partialSegmentInformation().orElseThrow().partTargetDuration();
      }
      assertEquals(target, p.targetDuration(), "EXT-X-TARGETDURATION never changes");
      assertEquals(partTarget, p.partialSegmentInformation().orElseThrow().partTargetDuration(), "PART-TARGET never changes");
      var control = p.serverControl().orElseThrow();
      assertTrue(control.canBlockReload());
      assertTrue(control.partHoldBack().orElseThrow() >= 2 * partTarget, "PART-HOLD-BACK at least twice PART-TARGET");
      assertTrue(control.canSkipUntil().orElseThrow() >= 6 * target, "CAN-SKIP-UNTIL at least six target durations");
      assertTrue(p.mediaSequence() >= lastMediaSequence, "EXT-X-MEDIA-SEQUENCE never goes back");
      assertTrue(p.discontinuitySequence() >= lastDiscontinuitySequence, "EXT-X-DISCONTINUITY-SEQUENCE never goes back");
      lastMediaSequence = p.mediaSequence();
      lastDiscontinuitySequence = p.discontinuitySequence();

      List<MediaSegment> segments = p.mediaSegments();
      assertFalse(segments.isEmpty());
      long dseq = p.discontinuitySequence();
      OffsetDateTime lastDate = null;
      double windowSeconds = 0;
      for (int i = 0; i < segments.size(); i++) {
        MediaSegment s = segments.get(i);
        long msn = p.mediaSequence() + i;
        if (s.discontinuity()) dseq++;
        assertTrue(Math.round(s.duration()) <= target, "segment " + msn + " of " + s.duration() + " s within the target "
            + target);
        assertEquals(msn, msnOf.computeIfAbsent(s.uri(), u -> msn), s.uri() + " keeps its media sequence number");
        assertEquals(s.uri(), uriOf.computeIfAbsent(msn, m -> s.uri()), "media sequence number " + msn + " keeps its URI");
        final long d = dseq;
        assertEquals(d, discontinuitySequenceOf.computeIfAbsent(s.uri(), u -> d), s.uri() + " keeps its discontinuity sequence");
        OffsetDateTime date = s.programDateTime().orElseThrow(() -> new AssertionError("every segment has a date"));
        if (lastDate != null) {
          assertTrue(date.isAfter(lastDate), "program dates increase: " + lastDate + " then " + date);
        }
        lastDate = date;
        windowSeconds += s.duration();
        List<PartialSegment> parts = s.partialSegments();
        if (!parts.isEmpty()) {
          assertTrue(parts.get(0).independent(), "a segment's first part starts at its keyframe: " + s.uri());
          double sum = parts.stream().mapToDouble(PartialSegment::duration).sum();
          assertEquals(s.duration(), sum, 0.001 * parts.size() + 1e-9, "parts add up to their segment " + s.uri());
          parts.forEach(x -> assertTrue(x.duration() <= partTarget, "part " + x.uri() + " within PART-TARGET"));
        }
        if (msn > newestChecked) {
          newestChecked = msn;
          checkNewSegment(w.segment(msn), s);
        }
      }
      assertTrue(windowSeconds <= 30 + 2 * target, "the window is bounded: " + windowSeconds + " s");
      // parts of old segments go: only the last three target durations carry them
      double fromEnd = 0;
      for (int i = segments.size() - 1; i >= 0; i--) {
        if (fromEnd > 3 * target + 0.001 && !segments.get(i).partialSegments().isEmpty()) {
          fail("segment " + segments.get(i).uri() + " lists parts " + fromEnd + " s from the live edge");
        }
        fromEnd += segments.get(i).duration();
      }
      p.partialSegments().forEach(x -> assertTrue(x.duration() <= partTarget));
      String hint = p.preloadHint().orElseThrow().uri();
      long nextMsn = p.mediaSequence() + segments.size();
      int nextPart = p.partialSegments().size();
      assertEquals(SegmentName.part(w.run(), nextMsn, nextPart), hint, "the preload hint names the next part");
      if (!p.partialSegments().isEmpty()) {
        assertTrue(p.partialSegments().get(0).independent(), "the open segment's first part is independent");
      }

      long skipped = delta.skip().map(x -> x.skippedSegments()).orElse(0L);
      assertEquals(segments.size(), skipped + delta.mediaSegments().size(), "a delta update skips, never loses, segments");
      assertEquals(p.mediaSequence(), delta.mediaSequence());
      assertEquals(p.discontinuitySequence(), delta.discontinuitySequence());
      for (int i = 0; i < delta.mediaSegments().size(); i++) {
        assertEquals(segments.get((int) skipped + i).uri(), delta.mediaSegments().get(i).uri());
      }
      double kept = delta.mediaSegments().stream().mapToDouble(MediaSegment::duration).sum();
      if (skipped > 0) {
        assertTrue(kept >= control.canSkipUntil().orElseThrow() - target, "only segments past CAN-SKIP-UNTIL are skipped");
      }
    }

    long cmafSegments;

    /** The fMP4 playlist lists the same segments, each after its init segment, gaps where the TS has them. */
    void checkCmaf(io.lindstrom.m3u8.model.MediaPlaylist ts, io.lindstrom.m3u8.model.MediaPlaylist cmaf) {
      assertEquals(ts.mediaSequence(), cmaf.mediaSequence());
      assertEquals(ts.discontinuitySequence(), cmaf.discontinuitySequence());
      assertEquals(ts.mediaSegments().size(), cmaf.mediaSegments().size());
      boolean mapped = false;
      for (int i = 0; i < ts.mediaSegments().size(); i++) {
        MediaSegment t = ts.mediaSegments().get(i);
        MediaSegment c = cmaf.mediaSegments().get(i);
        assertEquals(t.uri().replace(".ts", ".m4s"), c.uri());
        assertEquals(t.duration(), c.duration());
        assertEquals(t.discontinuity(), c.discontinuity());
        mapped |= c.segmentMap().isPresent();
        if (t.gap()) {
          assertTrue(c.gap(), "a TS gap is an fMP4 gap");
        } else if (!c.gap()) {
          assertTrue(mapped, "an EXT-X-MAP comes before fMP4 media: " + c.uri());
          cmafSegments++;
        }
      }
    }

    /** A segment the playlist lists for the first time: its bytes decode on their own. */
    private void checkNewSegment(Segment stored, MediaSegment listed) {
      assertNotNull(stored);
      if (listed.discontinuity()) {
        discontinuities++;
        lastVideoPts = -1;
      }
      if (stored.gap()) {
        assertTrue(listed.gap(), "a gap segment is marked EXT-X-GAP");
        gaps++;
        if (!lastWasGap) gapRuns++;
        lastWasGap = true;
        return;
      }
      assertFalse(listed.gap());
      assertFalse(lastWasGap && !listed.discontinuity(), "media after a gap starts with a discontinuity");
      lastWasGap = false;
      byte[] ts = stored.data();
      assertEquals(0, ts.length % TsPacket.SIZE);
      assertEquals(TsPacket.PAT_PID, TsPacket.pid(ts, 0), "a segment starts with the PAT");
      List<long[]> video = new ArrayList<>();
      boolean[] firstKey = new boolean[2];
      TsDemuxer demuxer = new TsDemuxer(new TsListener() {
        @Override
        public void onAccessUnit(ElementaryStream stream, PesHeader header, AccessUnitInfo info, long startIndex) {
          if (video.isEmpty()) {
            firstKey[0] = info.randomAccess();
          }
          video.add(new long[] {header.pts(), header.dts()});
        }
      });
      for (int off = 0; off < ts.length; off += TsPacket.SIZE) {
        demuxer.accept(ts, off);
      }
      assertFalse(video.isEmpty(), "a segment carries video");
      assertTrue(firstKey[0], "a segment's first picture is a keyframe: " + stored.msn() + " " + stored.parts().size() + " parts");
      long firstDts = video.get(0)[1];
      if (lastVideoPts >= 0) {
        long step = Timestamps.delta(lastVideoPts, firstDts);
        assertTrue(step > 0 && step <= 2 * Timestamps.HZ / 25 + 1,
            "video DTS runs on across the segment boundary (and the clip's loop): step " + step);
      }
      for (int i = 1; i < video.size(); i++) {
        assertTrue(Timestamps.delta(video.get(i - 1)[1], video.get(i)[1]) > 0, "DTS increases inside a segment");
      }
      lastVideoPts = video.get(video.size() - 1)[1];
      segmentsChecked++;
    }
  }
}
