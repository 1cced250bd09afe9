package io.swarmtv.ingest;

import io.swarmtv.ts.PacketSource;
import io.swarmtv.ts.TsLoop;
import io.swarmtv.ts.TsPacket;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorded MPEG-TS played out in real time by its PCR ({@link PcrPacer}), optionally looping.
 *
 * <p>Looping here reopens the source and marks a discontinuity. A source that loops seamlessly by
 * rewriting timestamps is plugged in as the opener of a non-looping feed instead: it never ends,
 * and its PCR runs on without a jump.
 */
public final class PacedFeed implements Feed {
  /** Packets read per call: small enough that a batch spans well under one PCR interval at low rates. */
  private static final int BATCH = 64;

  private static final Logger log = LoggerFactory.getLogger(PacedFeed.class);

  private final String description;
  private final PacketSourceOpener opener;
  private final boolean loop;
  private final PcrPacer pacer;
  private volatile boolean closed;
  private volatile PacketSource current;
  private volatile long skippedBytes;
  private volatile long resyncs;
  private volatile long passes;

  public PacedFeed(String description, PacketSourceOpener opener, boolean loop, PcrPacer pacer) {
    this.description = Objects.requireNonNull(description);
    this.opener = Objects.requireNonNull(opener);
    this.loop = loop;
    this.pacer = Objects.requireNonNull(pacer);
  }

  /**
   * A file looped as one continuous stream ({@link TsLoop}: timestamps and continuity counters
   * carried on across the wrap), paced on {@code clock}. A file TsLoop cannot measure (no
   * timestamps) falls back to reopening at its end with a discontinuity.
   */
  public static PacedFeed looping(Path file, MicrosClock clock, Sleeper sleeper) throws IOException {
    TsLoop loop;
    try {
      loop = TsLoop.of(file); // surveys the file now, so a bad one is refused before going live
    } catch (IllegalArgumentException e) {
      log.warn("{}: {}; looping it with a discontinuity at each wrap instead", file, e.getMessage());
      return ofFile(file, true, clock, sleeper);
    } catch (NoSuchFileException e) {
      throw new FeedException("input file not found: " + file, e);
    }
    // A feed that does not loop opens its source once: the surveyed loop is that source.
    return new PacedFeed(file.toString(), () -> loop, false, new PcrPacer(clock, sleeper));
  }

  /** A file, paced on {@code clock}; looping reopens it at its end. */
  public static PacedFeed ofFile(Path file, boolean loop, MicrosClock clock, Sleeper sleeper) {
    PacketSourceOpener opener = () -> {
      try {
        return new StreamPacketSource(Files.newInputStream(file));
      } catch (NoSuchFileException e) {
        throw new FeedException("input file is gone: " + file, e);
      } catch (IOException e) {
        throw new FeedException("cannot open input file " + file + ": " + e.getMessage(), e);
      }
    };
    return new PacedFeed(file.toString(), opener, loop, new PcrPacer(clock, sleeper));
  }

  @Override
  public void run(PacketSink sink) throws IOException, InterruptedException {
    byte[] buf = new byte[BATCH * TsPacket.SIZE];
    long skippedBefore = 0;
    long resyncsBefore = 0;
    while (!closed) {
      long pcrsBefore = pacer.pcrs();
      long packets = 0;
      boolean reachedEnd = false;
      PacketSource source = opener.open();
      current = source;
      try {
        while (!closed) {
          int n;
          try {
            n = source.read(buf, 0, BATCH);
          } finally {
            skippedBytes = skippedBefore + source.skippedBytes();
            resyncs = resyncsBefore + source.resyncs();
          }
          if (n < 0) {
            reachedEnd = true;
            break;
          }
          packets += n;
          pacer.pace(buf, 0, n, sink);
        }
      } catch (ClosedByInterruptException e) {
        throw new InterruptedException("interrupted reading " + description);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        throw new FeedException("reading " + description + " failed: " + e.getMessage(), e);
      } finally {
        skippedBefore = skippedBytes;
        resyncsBefore = resyncs;
        current = null;
        closeQuietly(source);
      }
      if (!reachedEnd) {
        return; // closed
      }
      passes++;
      if (!loop || closed) {
        if (packets > 0 && pacer.pcrs() == pcrsBefore) {
          log.warn("{} carries no PCR: it went out as fast as it could be read", description);
        }
        return;
      }
      // Without these checks a file with nothing to pace by would be reopened in a busy loop.
      if (packets == 0) {
        throw new FeedException("cannot loop " + description + ": it holds no MPEG-TS packets");
      }
      if (pacer.pcrs() == pcrsBefore) {
        throw new FeedException("cannot loop " + description + ": it carries no PCR to pace it by");
      }
      sink.discontinuity();
      pacer.reanchor();
    }
  }

  /** Times the source was played to its end. */
  public long passes() {
    return passes;
  }

  @Override
  public long skippedBytes() {
    return skippedBytes;
  }

  @Override
  public long resyncs() {
    return resyncs;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    closed = true;
    PacketSource source = current;
    if (source != null) {
      closeQuietly(source);
    }
  }

  private static void closeQuietly(PacketSource source) {
    try {
      source.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
