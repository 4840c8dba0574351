package dev.quotacli.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CostPeriodsTest {
  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void monthToDateIsTheCompleteDaysOfTheMonthEndingExclusivelyToday() {
    assertThat(CostPeriods.monthToDate(d("2024-03-15")))
        .contains(new Period(d("2024-03-01"), d("2024-03-15")));
    assertThat(CostPeriods.monthToDate(d("2024-03-02")))
        .contains(new Period(d("2024-03-01"), d("2024-03-02")));
  }

  @Test
  void monthToDateIsEmptyOnTheFirstNotLastMonth() {
    assertThat(CostPeriods.monthToDate(d("2024-03-01"))).isEmpty();
    assertThat(CostPeriods.monthToDate(d("2024-01-01"))).isEmpty();
  }

  @Test
  void previousMonthCrossesTheYear() {
    assertThat(CostPeriods.previousMonth(d("2024-01-01")))
        .isEqualTo(new Period(d("2023-12-01"), d("2024-01-01")));
    assertThat(CostPeriods.previousMonth(d("2024-03-31")))
        .isEqualTo(new Period(d("2024-02-01"), d("2024-03-01")));
  }

  @Test
  void lastCompleteDayIsYesterday() {
    assertThat(CostPeriods.lastCompleteDay(d("2024-03-01")))
        .isEqualTo(new Period(d("2024-02-29"), d("2024-03-01")));
    assertThat(CostPeriods.isOneDay(CostPeriods.lastCompleteDay(d("2024-03-01")))).isTrue();
  }

  @Test
  void restOfMonthStartsTodayAndEndsOnTheFirstOfNextMonth() {
    assertThat(CostPeriods.restOfMonth(d("2024-02-10")))
        .isEqualTo(new Period(d("2024-02-10"), d("2024-03-01")));
    assertThat(CostPeriods.restOfMonth(d("2024-03-01")))
        .isEqualTo(new Period(d("2024-03-01"), d("2024-04-01")));
  }

  @Test
  void restOfMonthOnTheLastDayIsThatDay() {
    assertThat(CostPeriods.restOfMonth(d("2024-02-29")))
        .isEqualTo(new Period(d("2024-02-29"), d("2024-03-01")));
    assertThat(CostPeriods.restOfMonth(d("2023-12-31")))
        .isEqualTo(new Period(d("2023-12-31"), d("2024-01-01")));
  }

  @Test
  void isOneDayOnlyForASingleDay() {
    assertThat(CostPeriods.isOneDay(new Period(d("2024-03-01"), d("2024-03-03")))).isFalse();
    assertThat(CostPeriods.isOneDay(new Period(d("2024-03-31"), d("2024-04-01")))).isTrue();
  }

  @Test
  void todayIsTheUtcDate() {
    // 2024-03-31T23:30 UTC is already April 1st in Berlin; Cost Explorer counts UTC days.
    Clock clock = Clock.fixed(Instant.parse("2024-03-31T23:30:00Z"), ZoneId.of("Europe/Berlin"));
    assertThat(CostPeriods.todayUtc(clock)).isEqualTo(d("2024-03-31"));
  }
}
