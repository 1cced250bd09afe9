package io.swarmtv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What ffprobe says of one stream's packets: byte position, timing and keyframe flag. */
public record FfprobePackets(List<Packet> packets) {

  /** One demuxed packet as ffprobe reports it. */
  public record Packet(long pos, long dts, long pts, boolean keyframe) {}

  /** Packets of stream {@code selector} (e.g. {@code v:0}) of {@code file}, in file order. */
  public static FfprobePackets of(Path file, String selector) {
    RealTools.ProcessResult r = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error",
        "-select_streams", selector, "-show_entries", "packet=pos,dts,pts,flags", "-of", "json", file.toString());
    try {
      JsonNode root = new ObjectMapper().readTree(r.stdout());
      List<Packet> list = new ArrayList<>();
      for (JsonNode p : root.path("packets")) {
        list.add(new Packet(p.path("pos").asLong(-1), p.path("dts").asLong(-1), p.path("pts").asLong(-1),
            p.path("flags").asText().contains("K")));
      }
      return new FfprobePackets(List.copyOf(list));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Byte positions of the keyframes. */
  public List<Long> keyframePositions() {
    return packets.stream().filter(Packet::keyframe).map(Packet::pos).toList();
  }
}
