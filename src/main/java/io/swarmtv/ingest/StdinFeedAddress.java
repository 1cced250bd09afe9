package io.swarmtv.ingest;

/** Standard input ({@code -}), e.g. ffmpeg piping {@code -f mpegts -} into the broadcaster. */
public record StdinFeedAddress() implements FeedAddress {

  @Override
  public String toString() {
    return "-";
  }
}
