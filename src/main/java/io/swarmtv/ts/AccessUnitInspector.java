package io.swarmtv.ts;
/** Placeholder until the real inspector lands: recognises H.264 IDR slices only. */
public final class AccessUnitInspector {
  public static AccessUnitInfo inspect(StreamType type, byte[] es, int off, int len) {
    for (int i = off; i + 4 < off + len; i++) {
      if (es[i] == 0 && es[i + 1] == 0 && es[i + 2] == 1) {
        int t = es[i + 3] & 0x1F;
        if (t == 5) return new AccessUnitInfo(true, true, null);
        if (t == 1) return new AccessUnitInfo(true, false, null);
      }
    }
    return new AccessUnitInfo(false, false, null);
  }
}
