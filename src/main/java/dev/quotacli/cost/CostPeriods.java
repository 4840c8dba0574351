package dev.quotacli.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The periods the cost pass asks Cost Explorer about, from "today" as a UTC date (Cost Explorer's
 * days are UTC days). Every {@link Period} ends exclusively, as the API's {@code End} does. Pure.
 */
public final class CostPeriods {
  private CostPeriods() {}

  /** Today's date in UTC, the day Cost Explorer's periods are counted in. */
  public static LocalDate todayUtc(Clock clock) {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * The complete days of the current month: [first of the month, today). Empty on the first of the
   * month: no day of the month is complete yet, so the month-to-date spend is zero by definition
   * and the caller reports 0 without a (billed) request. It is never the previous month, which
   * would put last month's bill under a "month to date" name for a day.
   */
  public static Optional<Period> monthToDate(LocalDate today) {
    LocalDate first = today.withDayOfMonth(1);
    return first.equals(today) ? Optional.empty() : Optional.of(new Period(first, today));
  }

  /** The previous full month: [first of last month, first of this month). */
  public static Period previousMonth(LocalDate today) {
    LocalDate first = today.withDayOfMonth(1);
    return new Period(first.minusMonths(1), first);
  }

  /** Yesterday, the last complete day: [today - 1, today). */
  public static Period lastCompleteDay(LocalDate today) {
    return new Period(today.minusDays(1), today);
  }

  /**
   * The rest of the month including today, for GetCostForecast: [today, first of next month).
   * GetCostForecast rejects a start before the current date, so it starts today, never earlier; on
   * the last day of a month it is that one day.
   */
  public static Period restOfMonth(LocalDate today) {
    return new Period(today, today.withDayOfMonth(1).plusMonths(1));
  }

  /** Whether the period is exactly one day (GetCostAndUsage is then asked at DAILY granularity). */
  public static boolean isOneDay(Period period) {
    return period.start().plusDays(1).equals(period.end());
  }
}
