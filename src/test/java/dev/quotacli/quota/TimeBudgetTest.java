package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final TimeBudget B = new TimeBudget(30, Duration.ofSeconds(600));

  @Test
  void aNewTargetStartsWithAFullBucket() {
    TimeBudget.State s = B.refill(null, T0);

    assertThat(s).isEqualTo(new TimeBudget.State(30, T0));
    assertThat(B.degraded(null, T0)).isFalse();
  }

  @Test
  void aDeficitDegradesForWindowOverTokensTimesDeficitAndTheMinimumAllowance() {
    // W = 600 s, B = 30, deficit 10, minimum 0.3 -> 206 s until the bucket holds 0.3 again.
    TimeBudget.State s = B.charge(B.refill(null, T0), 40);

    assertThat(s.balance()).isEqualTo(-10);
    assertThat(B.penaltyLeft(s, T0)).isBetween(Duration.ofSeconds(206), Duration.ofMillis(206_001));
    assertThat(B.degraded(s, T0.plusSeconds(205))).isTrue();
    assertThat(B.degraded(s, T0.plusSeconds(207))).isFalse();
    assertThat(B.penaltyLeft(s, T0.plusSeconds(100)))
        .isBetween(Duration.ofSeconds(106), Duration.ofMillis(106_001));
  }

  @Test
  void aTargetThatUsedItsWholeAllowanceIsNotRunAgainWithTheMillisecondsSince() {
    // Cut at its allowance: the balance is 0. Two seconds later 0.1 s has trickled in, too little
    // to do anything but be cut again; it runs once the bucket holds a hundredth (0.3 s, 6 s).
    TimeBudget.State s = B.charge(B.refill(null, T0), 30);

    assertThat(B.degraded(s, T0.plusSeconds(2))).isTrue();
    assertThat(B.penaltyLeft(s, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(4));
    assertThat(B.degraded(s, T0.plusSeconds(6))).isFalse();
  }

  @Test
  void theBucketRefillsContinuouslyUpToItsSize() {
    TimeBudget.State spent = B.charge(B.refill(null, T0), 20); // 10 left

    // 0.05 tokens per second: 60 s later 3 more.
    assertThat(B.refill(spent, T0.plusSeconds(60)).balance()).isCloseTo(13, within());
    // Never above the bucket's size.
    assertThat(B.refill(spent, T0.plusSeconds(6000)).balance()).isEqualTo(30);
  }

  @Test
  void aTargetWithinItsBudgetStartsTheNextScheduledRunWithAFullBucket() {
    // Hourly runs at 60 s per hour; each run uses 55 s. The timer's runs fall a little early or
    // late against the window (RandomizedDelaySec): the bucket is full again every time.
    TimeBudget hourly = TimeBudget.DEFAULT;
    TimeBudget.State s = null;
    Instant run = T0;
    for (int i = 0; i < 24; i++) {
      TimeBudget.State before = hourly.refill(s, run);
      assertThat(hourly.degraded(s, run)).as("run %d", i).isFalse();
      assertThat(before.balance()).as("run %d starts with", i).isGreaterThanOrEqualTo(59);
      s = hourly.charge(before, 55);
      run = run.plus(Duration.ofMinutes(i % 2 == 0 ? 59 : 61)).plusSeconds(1);
    }
  }

  @Test
  void aTargetOverItsBudgetIsSkippedUntilItHasPaidItOff() {
    TimeBudget hourly = TimeBudget.DEFAULT;
    // A hanging region used 120 s: 60 s deficit, one hour of refill to pay off.
    TimeBudget.State s = hourly.charge(hourly.refill(null, T0), 120);

    assertThat(hourly.degraded(s, T0.plus(Duration.ofMinutes(59)))).isTrue();
    assertThat(hourly.degraded(s, T0.plus(Duration.ofMinutes(61)))).isFalse();
    assertThat(hourly.refill(s, T0.plus(Duration.ofMinutes(61))).balance()).isCloseTo(1, within());
  }

  @Test
  void aStateWithoutATimeIsAFullBucket() {
    assertThat(B.refill(new TimeBudget.State(-50, null), T0).balance()).isEqualTo(30);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }
}
