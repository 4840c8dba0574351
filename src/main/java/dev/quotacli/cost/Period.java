package dev.quotacli.cost;

import java.time.LocalDate;

/**
 * A Cost Explorer time period; {@code end} is exclusive, as the API's is.
 *
 * @param start first day
 * @param end the day after the last
 */
public record Period(LocalDate start, LocalDate end) {
  public Period {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("empty period " + start + ".." + end);
    }
  }
}
