package io.swarmtv.discovery.bencode;

/** A bencoded integer ({@code i42e}). */
public record BInteger(long value) implements BValue {
  @Override
  public String kind() {
    return "integer";
  }
}
