package io.swarmtv.hls.mp4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmtv.testing.RealTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** What ffprobe says of one stream of a file: codec, profile, level, picture size, sample rate. */
record StreamInfo(String codec, String profile, int level, int width, int height, int sampleRate) {

  /** Stream {@code selector} (e.g. {@code v:0}) of {@code file}, or null when there is none. */
  static StreamInfo of(Path file, String selector) {
    RealTools.ProcessResult r = RealTools.run(Duration.ofMinutes(1), "ffprobe", "-v", "error",
        "-select_streams", selector, "-show_entries",
        "stream=codec_name,profile,level,width,height,sample_rate", "-of", "json", file.toString());
    try {
      JsonNode streams = new ObjectMapper().readTree(r.stdout()).path("streams");
      if (streams.isEmpty()) {
        return null;
      }
      JsonNode s = streams.get(0);
      return new StreamInfo(s.path("codec_name").asText(), s.path("profile").asText(),
          s.path("level").asInt(-1), s.path("width").asInt(0), s.path("height").asInt(0),
          s.path("sample_rate").asInt(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
