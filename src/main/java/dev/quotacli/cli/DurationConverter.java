package dev.quotacli.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 1h30m} or ISO-8601.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      try {
        return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
      } catch (RuntimeException e) {
        throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 15m, 24h)");
      }
    }
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end == 0 || end != v.length()) {
      throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 15m, 24h)");
    }
    return total;
  }
}
