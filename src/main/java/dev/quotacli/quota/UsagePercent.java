package dev.quotacli.quota;

import java.util.OptionalDouble;

/** usage / limit × 100, defined only where the limit is above zero. Pure. */
public final class UsagePercent {
  private UsagePercent() {}

  public static OptionalDouble of(double usage, double limit) {
    if (!(limit > 0) || Double.isNaN(usage) || Double.isInfinite(limit)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(usage / limit * 100.0);
  }
}
