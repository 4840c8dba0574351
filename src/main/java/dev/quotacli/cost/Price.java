package dev.quotacli.cost;

import java.util.Objects;

/**
 * An On-Demand USD price.
 *
 * @param usdPerUnit USD per {@code unit}
 * @param unit the price-list unit: {@code Hrs}, {@code GB-Mo}, {@code IOPS-Mo}, {@code MiBps-Mo},
 *     {@code GiBps-mo}
 * @param source where it came from
 */
public record Price(double usdPerUnit, String unit, Source source) {
  /** Where a price came from; {@link #FALLBACK} is the bundled, approximate table. */
  public enum Source {
    API,
    CACHE,
    FALLBACK
  }

  public Price {
    if (!Double.isFinite(usdPerUnit) || usdPerUnit < 0) {
      throw new IllegalArgumentException("not a price: " + usdPerUnit);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
  }

  public Price withSource(Source other) {
    return new Price(usdPerUnit, unit, other);
  }
}
