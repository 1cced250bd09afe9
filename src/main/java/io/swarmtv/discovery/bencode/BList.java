package io.swarmtv.discovery.bencode;

import java.util.List;

/** A bencoded list ({@code l...e}). */
public record BList(List<BValue> values) implements BValue {
  public BList {
    values = List.copyOf(values);
  }

  /** A list of the given values. */
  public static BList of(BValue... values) {
    return new BList(List.of(values));
  }

  @Override
  public String kind() {
    return "list";
  }
}
