package io.swarmtv.hls.mp4;

import io.swarmtv.channel.ChunkFlags;
import io.swarmtv.ingest.ChunkCut;
import io.swarmtv.ingest.Chunker;
import io.swarmtv.ingest.ChunkerSettings;
import io.swarmtv.ts.TsPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a TS file through the gateway's path: the ingest {@link Chunker} cuts it, and each chunk
 * goes to a {@link Fmp4Remuxer}, with a fragment cut wherever a chunk starts a part.
 */
final class ChunkedRemux {
  final List<ChunkCut> chunks;
  final List<Fragment> fragments = new ArrayList<>();
  final Fmp4Remuxer remuxer = new Fmp4Remuxer();

  private ChunkedRemux(List<ChunkCut> chunks) {
    this.chunks = chunks;
  }

  /** The file cut into chunks as the ingest does it. */
  static ChunkedRemux of(Path ts) {
    return of(read(ts));
  }

  static byte[] read(Path ts) {
    try {
      return Files.readAllBytes(ts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whole packets cut into chunks as the ingest does it. */
  static ChunkedRemux of(byte[] all) {
    List<ChunkCut> chunks = new ArrayList<>();
    Chunker chunker = new Chunker(ChunkerSettings.DEFAULT, chunks::add);
    for (int off = 0, i = 0; off + TsPacket.SIZE <= all.length; off += TsPacket.SIZE, i++) {
      chunker.accept(all, off, i * 100L);
    }
    chunker.finish();
    return new ChunkedRemux(chunks);
  }

  /** Feeds chunks [from, to), cutting a fragment before each one that starts a part. */
  void feed(int from, int to) {
    for (int i = from; i < to; i++) {
      ChunkCut c = chunks.get(i);
      if (c.has(ChunkFlags.PART_START)) {
        cut();
      }
      remuxer.accept(c.payload(), 0, c.payload().length);
    }
  }

  /** Feeds every chunk and cuts the last part. */
  ChunkedRemux feedAll() {
    feed(0, chunks.size());
    cut();
    return this;
  }

  void cut() {
    Fragment f = remuxer.cutFragment();
    if (f != null) {
      fragments.add(f);
    }
  }

  /** Init segment then the fragments, as a player fetching the parts in order would join them. */
  Path write(Path file, byte[] init, List<Fragment> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(init);
    for (Fragment f : parts) {
      out.writeBytes(f.bytes());
    }
    try {
      Files.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The mfhd sequence_number of a fragment: moof header, mfhd header and version/flags come first. */
  static long sequenceNumber(Fragment f) {
    byte[] b = f.bytes();
    return ((b[20] & 0xFFL) << 24) | ((b[21] & 0xFF) << 16) | ((b[22] & 0xFF) << 8) | (b[23] & 0xFF);
  }
}
