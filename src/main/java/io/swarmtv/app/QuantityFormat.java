package io.swarmtv.app;

import java.util.Locale;

/** Sizes and rates as people read them in status lines and reports. */
final class QuantityFormat {
  private QuantityFormat() {}

  /** {@code 512 B}, {@code 8.8 KiB}, {@code 3.4 MiB}. */
  static String bytes(long n) {
    if (n >= 1 << 20) return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    if (n >= 1 << 10) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    return n + " B";
  }

  /** {@code 96 kbit/s}, {@code 1.52 Mbit/s}. */
  static String bitrate(long bitsPerSecond) {
    if (bitsPerSecond >= 1_000_000) return String.format(Locale.ROOT, "%.2f Mbit/s", bitsPerSecond / 1e6);
    return String.format(Locale.ROOT, "%d kbit/s", Math.round(bitsPerSecond / 1e3));
  }
}
