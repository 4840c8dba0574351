package dev.quotacli.plan;

import java.util.Locale;

/**
 * A count that may not be known exactly: {@code min} to {@code max}, or at least {@code min} when
 * nothing bounds it (cold caches, per-resource calls). Immutable.
 *
 * @param min the fewest
 * @param max the most, or {@link #UNBOUNDED}
 */
public record Range(long min, long max) {
  /** No known upper bound. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  public static final Range ZERO = new Range(0, 0);

  public Range {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad range " + min + ".." + max);
    }
  }

  public static Range exactly(long n) {
    return new Range(n, n);
  }

  public static Range between(long min, long max) {
    return new Range(min, max);
  }

  public static Range atLeast(long min) {
    return new Range(min, UNBOUNDED);
  }

  public boolean bounded() {
    return max != UNBOUNDED;
  }

  public boolean exact() {
    return min == max;
  }

  public boolean contains(long n) {
    return n >= min && n <= max;
  }

  public Range plus(Range o) {
    return new Range(min + o.min, bounded() && o.bounded() ? Math.addExact(max, o.max) : UNBOUNDED);
  }

  public Range times(long n) {
    return new Range(min * n, bounded() ? Math.multiplyExact(max, n) : UNBOUNDED);
  }

  /** The larger of each end. */
  public Range max(Range o) {
    return new Range(Math.max(min, o.min), Math.max(max, o.max));
  }

  /** {@code 3}, {@code 1–4}, {@code 1+}. */
  @Override
  public String toString() {
    return exact() ? Long.toString(min) : bounded() ? min + "–" + max : min + "+";
  }

  /** Dollars at {@code usd} per {@code per} units: {@code $0.02}, {@code $0.01–$0.04}. */
  public String dollars(double usd, long per) {
    String lo = money(min * usd / per);
    return exact() ? lo : bounded() ? lo + "–" + money(max * usd / per) : lo + "+";
  }

  static String money(double usd) {
    return usd == 0 || usd >= 0.01
        ? String.format(Locale.ROOT, "$%.2f", usd)
        : String.format(Locale.ROOT, "$%.5f", usd);
  }
}
