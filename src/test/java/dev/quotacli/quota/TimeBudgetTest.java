package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final TimeBudget budget = new TimeBudget(30, Duration.ofSeconds(600));

  @Test
  void aNewTargetStartsWithAFullBucket() {
    var s = budget.refill(null, T0);

    assertThat(s).isEqualTo(new TimeBudget.State(30, T0.plusSeconds(600)));
    assertThat(budget.degraded(null, T0)).isFalse();
  }

  @Test
  void deficitExtendsTheWindowByWindowOverTokensTimesDeficit() {
    // The example: W = 600 s, B = 30, deficit 10 → 200 s more.
    var s = budget.charge(budget.refill(null, T0), 40);

    assertThat(s.balance()).isEqualTo(-10);
    assertThat(s.windowEnd()).isEqualTo(T0.plusSeconds(600 + 200));
  }

  @Test
  void degradedUntilTheExtendedWindowEndsThenRefilled() {
    var s = budget.charge(budget.refill(null, T0), 40);

    assertThat(budget.degraded(s, T0.plusSeconds(799))).isTrue();
    assertThat(budget.penaltyLeft(s, T0.plusSeconds(700))).isEqualTo(Duration.ofSeconds(100));
    assertThat(budget.degraded(s, T0.plusSeconds(800))).isFalse();
    assertThat(budget.refill(s, T0.plusSeconds(800)))
        .isEqualTo(new TimeBudget.State(30, T0.plusSeconds(1400)));
  }

  @Test
  void runsWithinTheBudgetOnlySpendIt() {
    var s = budget.charge(budget.refill(null, T0), 12.5);

    assertThat(s).isEqualTo(new TimeBudget.State(17.5, T0.plusSeconds(600)));
    assertThat(budget.degraded(s, T0.plusSeconds(10))).isFalse();
    var spent = budget.charge(s, 17.5);
    assertThat(spent.balance()).isZero();
    assertThat(spent.windowEnd()).isEqualTo(T0.plusSeconds(600));
    assertThat(budget.degraded(spent, T0.plusSeconds(10)))
        .as("a zero balance is not positive")
        .isTrue();
  }

  @Test
  void onlyTheNewDeficitExtendsAnAlreadyNegativeBalance() {
    var s = budget.charge(budget.charge(budget.refill(null, T0), 40), 5);

    assertThat(s.balance()).isEqualTo(-15);
    assertThat(s.windowEnd()).isEqualTo(T0.plusSeconds(600 + 200 + 100));
  }
}
