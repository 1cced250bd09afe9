package io.swarmtv.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The share of peers with each uplink speed, written {@code MBIT:PERCENT,...} (for example
 * {@code 1:20,5:40,20:30,100:10}); the percentages add up to 100.
 */
public record UplinkMix(List<Share> shares) {

  /** {@code percent} of the peers upload at {@code mbitPerSecond}. */
  public record Share(double mbitPerSecond, double percent) {}

  public static final UplinkMix DEFAULT = parse("1:20,5:40,20:30,100:10");

  public UplinkMix {
    shares = List.copyOf(shares);
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("an uplink mix needs at least one MBIT:PERCENT share");
    }
    double total = 0;
    for (Share s : shares) {
      if (!(s.mbitPerSecond() > 0) || s.mbitPerSecond() > 100_000) {
        throw new IllegalArgumentException("uplink speed must be above 0 and at most 100000 Mbit/s, was " + s.mbitPerSecond());
      }
      if (!(s.percent() > 0)) {
        throw new IllegalArgumentException("uplink share must be above 0 %, was " + s.percent());
      }
      total += s.percent();
    }
    if (Math.abs(total - 100) > 1e-6) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "uplink shares must add up to 100 %%, they add up to %s %%", total));
    }
  }

  /** Reads {@code MBIT:PERCENT,...}; the message of the exception names the part that is wrong. */
  public static UplinkMix parse(String text) {
    List<Share> shares = new ArrayList<>();
    if (text.length() > 1000) {
      throw new IllegalArgumentException("uplink mix is over 1000 characters");
    }
    for (String part : text.split(",", -1)) {
      String[] f = part.trim().split(":", -1);
      if (f.length != 2) {
        throw new IllegalArgumentException("uplink share '" + part.trim() + "' is not MBIT:PERCENT");
      }
      try {
        shares.add(new Share(Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("uplink share '" + part.trim() + "' is not two numbers MBIT:PERCENT");
      }
    }
    return new UplinkMix(shares);
  }

  /** One peer's uplink in bits a second, drawn with the mix's shares. */
  long draw(Random random) {
    double x = random.nextDouble() * 100;
    for (Share s : shares) {
      x -= s.percent();
      if (x < 0) return (long) (s.mbitPerSecond() * 1e6);
    }
    return (long) (shares.get(shares.size() - 1).mbitPerSecond() * 1e6);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Share s : shares) {
      if (b.length() > 0) b.append(',');
      b.append(trim(s.mbitPerSecond())).append(':').append(trim(s.percent()));
    }
    return b.toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
