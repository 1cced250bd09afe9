package io.swarmtv.ts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Plays a finite MPEG-TS clip again and again as one endless, continuous stream.
 *
 * <p>A player must not notice the wrap, so each pass is the clip with every PCR, PTS and DTS moved
 * on by the loop duration times the passes before it (modulo 2^33), and with each PID's
 * continuity counter carried on from where the previous pass left it. Nothing else changes: the
 * PAT and PMT keep their version, so the player sees no new program either.
 *
 * <p>The loop duration is measured from the clip's own timestamps. With video it is the video's
 * span in whole frames (last PTS + one frame - first PTS), so the video timeline continues frame
 * exactly; audio or other streams ending elsewhere are not stretched to fit, which is why the
 * bundled clip is cut where its video and audio frame grids meet. Without video the audio decides,
 * the length of its last PES estimated from its size (audio is near constant bitrate).
 *
 * <p>Rewriting happens in the caller's buffer: a pass from a {@code byte[]} clip allocates nothing
 * per packet, and a pass re-read from a file needs one reader buffer. Not thread-safe: one
 * consumer reads it.
 */
public final class TsLoop implements PacketSource {
  /** The bundled clip's resource name, beside this class. */
  public static final String DEMO_CLIP_RESOURCE = "demo-clip.ts";

  private static final int PIDS = 8192;

  private final PassSource source;
  private final long packetsPerPass;
  private final long loopTicks;
  private final boolean[] pesPid;
  /** Per PID: how far one pass moves the continuity counter, modulo 16. */
  private final int[] ccStep;
  /** Per PID: what this pass adds to the clip's continuity counter, modulo 16. */
  private final int[] ccShift = new int[PIDS];
  private long shiftTicks;
  private long passes;
  private long packetInPass;
  private boolean passOpen;
  private InputStream view;

  private TsLoop(PassSource source, ClipSurvey survey, long firstShiftTicks) {
    this.source = source;
    this.packetsPerPass = survey.packets;
    this.loopTicks = survey.loopTicks();
    this.pesPid = survey.pesPid;
    this.ccStep = survey.ccSteps();
    this.shiftTicks = Math.floorMod(firstShiftTicks, Timestamps.PTS_MODULUS);
  }

  /** Loops a clip held in memory; {@code clip} is read once here and not kept. */
  public static TsLoop of(byte[] clip) {
    return of(clip, 0);
  }

  /** As {@link #of(byte[])}, with the first pass already shifted; lets tests start near 2^33. */
  static TsLoop of(byte[] clip, long firstShiftTicks) {
    byte[] packets = aligned(clip);
    ClipSurvey survey = new ClipSurvey();
    for (int off = 0; off < packets.length; off += TsPacket.SIZE) {
      survey.accept(packets, off);
    }
    return new TsLoop(new ArraySource(packets), survey, firstShiftTicks);
  }

  /**
   * Loops a file, reading it afresh on every pass so that memory stays the same whatever its
   * size. The file must not change while it loops.
   */
  public static TsLoop of(Path file) throws IOException {
    ClipSurvey survey = new ClipSurvey();
    byte[] buf = new byte[TsPacket.SIZE * 64];
    try (InputStream in = Files.newInputStream(file)) {
      TsPacketReader reader = new TsPacketReader(in);
      int n;
      while ((n = reader.read(buf, 0, 64)) >= 0) {
        for (int i = 0; i < n; i++) {
          survey.accept(buf, i * TsPacket.SIZE);
        }
      }
    }
    return new TsLoop(new FileSource(file), survey, 0);
  }

  /** Loops the clip bundled with swarmtv: 6.4 s of H.264 and AAC test pattern and tone. */
  public static TsLoop demoClip() {
    try (InputStream in = TsLoop.class.getResourceAsStream(DEMO_CLIP_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEMO_CLIP_RESOURCE + " is missing from the build");
      }
      return of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packets in one pass of the clip. */
  public long packetsPerPass() {
    return packetsPerPass;
  }

  /** How far each pass moves the clocks on, in 90 kHz ticks. */
  public long loopTicks() {
    return loopTicks;
  }

  /** How long one pass plays. */
  public Duration loopDuration() {
    return Duration.ofNanos(loopTicks * 1_000_000_000L / Timestamps.HZ);
  }

  /** The clip's average rate in bits per second, TS overhead included: what a pacer must send. */
  public long bitsPerSecond() {
    return packetsPerPass * (long) TsPacket.SIZE * 8 * Timestamps.HZ / loopTicks;
  }

  /** Passes completed so far; the current one is shifted by this many loop durations. */
  public long passes() {
    return passes;
  }

  /**
   * Copies the next {@code maxPackets} packets of the endless stream into {@code dst} at
   * {@code off}. Returns {@code maxPackets}: the stream never ends.
   *
   * @throws IOException when a file source cannot be read, or has fewer packets than it had
   */
  public int read(byte[] dst, int off, int maxPackets) throws IOException {
    Objects.checkFromIndexSize(off, maxPackets * TsPacket.SIZE, dst.length);
    int n = 0;
    while (n < maxPackets) {
      if (!passOpen) {
        source.open();
        passOpen = true;
      }
      // Every pass is exactly the surveyed packets, since the counters and clocks move by what
      // the survey saw.
      int want = (int) Math.min(maxPackets - n, packetsPerPass - packetInPass);
      int got = source.read(dst, off + n * TsPacket.SIZE, want);
      if (got < 0) {
        throw new IOException("the clip ended after " + packetInPass + " of its " + packetsPerPass
            + " packets on pass " + passes + "; it must not change while it loops");
      }
      for (int i = 0; i < got; i++) {
        rewrite(dst, off + (n + i) * TsPacket.SIZE);
      }
      n += got;
      packetInPass += got;
      if (packetInPass == packetsPerPass) {
        endPass();
      }
    }
    return n;
  }

  /** Releases the file a file-backed loop has open; reading again reopens it. */
  @Override
  public void close() throws IOException {
    if (passOpen) {
      passOpen = false;
      source.close();
    }
  }

  /**
   * The endless stream as bytes, for consumers that take an {@link InputStream}. There is one
   * view per loop, and it shares the loop's position with {@link #read}.
   */
  public InputStream asInputStream() {
    if (view == null) {
      view = new StreamView();
    }
    return view;
  }

  private void endPass() throws IOException {
    passOpen = false;
    packetInPass = 0;
    source.close();
    passes++;
    shiftTicks = Timestamps.add(shiftTicks, loopTicks);
    for (int pid = 0; pid < PIDS; pid++) {
      ccShift[pid] = (ccShift[pid] + ccStep[pid]) & 0x0F;
    }
  }

  private void rewrite(byte[] b, int off) {
    int pid = TsPacket.pid(b, off);
    if (pid == TsPacket.NULL_PID) {
      return;
    }
    int cc = ccShift[pid];
    if (cc != 0) {
      TsPacket.setContinuityCounter(b, off, TsPacket.continuityCounter(b, off) + cc);
    }
    if (shiftTicks == 0) {
      return;
    }
    long pcr = TsPacket.pcr(b, off);
    if (pcr >= 0) {
      TsPacket.setPcr(b, off, pcr + shiftTicks * TsPacket.PCR_PER_PTS);
    }
    if (pesPid[pid] && TsPacket.payloadUnitStart(b, off)) {
      int p = TsPacket.payloadOffset(b, off);
      if (p < TsPacket.SIZE) {
        PesHeader.shiftTimestamps(b, off + p, TsPacket.SIZE - p, shiftTicks);
      }
    }
  }

  /** The clip's aligned packets, whatever garbage or partial packet surrounds them. */
  private static byte[] aligned(byte[] clip) {
    TsPacketReader reader = new TsPacketReader(new ByteArrayInputStream(clip));
    ByteArrayOutputStream out = new ByteArrayOutputStream(clip.length);
    byte[] buf = new byte[TsPacket.SIZE * 64];
    try {
      int n;
      while ((n = reader.read(buf, 0, 64)) >= 0) {
        out.write(buf, 0, n * TsPacket.SIZE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  /** Where each pass's packets come from. */
  private interface PassSource {
    void open() throws IOException;

    /** Up to {@code max} aligned packets, at least one, or -1 when the source has no more. */
    int read(byte[] dst, int off, int max) throws IOException;

    void close() throws IOException;
  }

  private static final class ArraySource implements PassSource {
    private final byte[] packets;
    private int pos;

    ArraySource(byte[] packets) {
      this.packets = packets;
    }

    @Override
    public void open() {
      pos = 0;
    }

    @Override
    public int read(byte[] dst, int off, int max) {
      int n = Math.min(max, (packets.length - pos) / TsPacket.SIZE);
      if (n == 0) {
        return -1;
      }
      System.arraycopy(packets, pos, dst, off, n * TsPacket.SIZE);
      pos += n * TsPacket.SIZE;
      return n;
    }

    @Override
    public void close() {}
  }

  private static final class FileSource implements PassSource {
    private final Path file;
    private InputStream in;
    private TsPacketReader reader;

    FileSource(Path file) {
      this.file = file;
    }

    @Override
    public void open() throws IOException {
      in = Files.newInputStream(file);
      reader = new TsPacketReader(in);
    }

    @Override
    public int read(byte[] dst, int off, int max) throws IOException {
      return reader.read(dst, off, max);
    }

    @Override
    public void close() throws IOException {
      reader = null;
      in.close();
    }
  }

  /** Serves {@link #read} a packet at a time to byte-wise readers. */
  private final class StreamView extends InputStream {
    private final byte[] packet = new byte[TsPacket.SIZE];
    private int pos = TsPacket.SIZE;

    @Override
    public int read() throws IOException {
      if (pos == TsPacket.SIZE) {
        fill();
      }
      return packet[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      int n = 0;
      if (pos < TsPacket.SIZE) {
        n = Math.min(len, TsPacket.SIZE - pos);
        System.arraycopy(packet, pos, b, off, n);
        pos += n;
      }
      int whole = (len - n) / TsPacket.SIZE;
      if (whole > 0) {
        // Straight into the caller's buffer: no second copy for the common large read.
        TsLoop.this.read(b, off + n, whole);
        n += whole * TsPacket.SIZE;
      }
      if (n < len) {
        fill();
        int k = len - n;
        System.arraycopy(packet, 0, b, off + n, k);
        pos = k;
        n = len;
      }
      return n;
    }

    /** What is there without blocking: the rest of this packet, or the next one. */
    @Override
    public int available() {
      return pos < TsPacket.SIZE ? TsPacket.SIZE - pos : TsPacket.SIZE;
    }

    @Override
    public void close() throws IOException {
      TsLoop.this.close();
    }

    private void fill() throws IOException {
      TsLoop.this.read(packet, 0, 1);
      pos = 0;
    }
  }
}
