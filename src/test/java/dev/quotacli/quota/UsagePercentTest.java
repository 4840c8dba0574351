package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsagePercentTest {
  @Test
  void percentOfAPositiveLimit() {
    assertThat(UsagePercent.of(48, 64).getAsDouble()).isEqualTo(75.0);
    assertThat(UsagePercent.of(70, 64).getAsDouble()).isEqualTo(109.375);
    assertThat(UsagePercent.of(0, 5).getAsDouble()).isZero();
  }

  @Test
  void noPercentWhereTheLimitIsZeroOrUnusable() {
    assertThat(UsagePercent.of(3, 0)).isEmpty();
    assertThat(UsagePercent.of(3, -1)).isEmpty();
    assertThat(UsagePercent.of(Double.NaN, 5)).isEmpty();
    assertThat(UsagePercent.of(3, Double.NaN)).isEmpty();
  }
}
