package io.swarmtv.hls.mp4;

/** Counts the samples and bytes dropped as malformed, and remembers why the last one was. */
final class SampleErrors {
  private long count;
  private String last;

  void drop(String why) {
    count++;
    last = why;
  }

  long count() {
    return count;
  }

  String last() {
    return last;
  }
}
