package dev.quotacli.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes numbers, amounts and ages. Pure. */
final class Format {
  static final String UNKNOWN = "unknown";
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Format() {}

  /**
   * {@code 1,234} for whole numbers, else rounded half up to at most two decimals ({@code 12.5}).
   */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return UNKNOWN;
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
    }
    String s = String.format(Locale.ROOT, "%,.2f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code 87.5 %}. */
  static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f %%", p);
  }

  /** {@code 1,234.56 USD}. */
  static String money(double amount, String unit) {
    return String.format(Locale.ROOT, "%,.2f %s", amount, unit == null ? "USD" : unit);
  }

  /** A CSS or SVG length with one decimal, {@code 42.5}. */
  static String length(double v) {
    return String.format(Locale.ROOT, "%.1f", Math.max(0, v));
  }

  /** {@code 2026-01-31 12:00 UTC}. */
  static String time(Instant t) {
    return t == null ? "never" : UTC.format(t);
  }

  /** {@code 3h ago}, or {@code never}. */
  static String ago(Instant t, Instant now) {
    return t == null ? "never" : age(Duration.between(t, now)) + " ago";
  }

  /** 45s, 12m, 3h, 2d (as status writes them). */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172800) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  /** {@code 3h ago … 12m ago} for an oldest and newest, or {@code none cached}. */
  static String span(Instant oldest, Instant newest, Instant now) {
    if (oldest == null) {
      return "none cached";
    }
    String o = ago(oldest, now);
    String n = ago(newest, now);
    return o.equals(n) ? o : "oldest " + o + ", newest " + n;
  }
}
