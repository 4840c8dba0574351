package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.cost.RequestBudget;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetedCallGuardTest {
  private static final CallGuard DIRECT =
      new CallGuard() {
        @Override
        public <T> T call(String service, String operation, java.util.function.Supplier<T> call) {
          return call.get();
        }
      };

  @Test
  void callsBeyondTheBudgetAreNotSentAndSaySo() {
    var guard = new BudgetedCallGuard(DIRECT, new RequestBudget(2));
    AtomicInteger sent = new AtomicInteger();

    guard.call("ce", "GetCostAndUsage", sent::incrementAndGet);
    guard.call("ce", "GetCostAndUsage", sent::incrementAndGet);
    assertThatThrownBy(() -> guard.call("ce", "GetCostForecast", sent::incrementAndGet))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.OTHER);
              assertThat(e.retryable()).isFalse();
              assertThat(e.throttling()).isFalse();
            })
        .hasMessageStartingWith("Cost Explorer request budget of 2 reached")
        .hasMessageContaining("GetCostForecast");
    assertThat(sent).hasValue(2);
    assertThat(guard.budget().used()).isEqualTo(2);
    assertThat(guard.budget().remaining()).isZero();
  }

  @Test
  void retriesInsideTheDelegateCostOneRequest() {
    var failsafe =
        new FailsafeCallGuards(
            new RetrySettings(3, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(10), 1000),
            new ApiStats());
    var budget = new RequestBudget(1);
    var guard = new BudgetedCallGuard(failsafe.forTarget("111111111111", "us-east-1"), budget);
    AtomicInteger attempts = new AtomicInteger();

    String result =
        guard.call(
            "ce",
            "GetCostAndUsage",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new ApiException(FailureKind.THROTTLED, true, true, "Rate limit exceeded");
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
    assertThat(budget.used()).isEqualTo(1);
  }

  @Test
  void aZeroBudgetSendsNothing() {
    var guard = new BudgetedCallGuard(DIRECT, new RequestBudget(0));
    assertThatThrownBy(() -> guard.call("ce", "GetCostAndUsage", () -> "x"))
        .hasMessageStartingWith("Cost Explorer request budget of 0 reached");
  }

  @Test
  void theBudgetHoldsUnderConcurrency() throws Exception {
    var budget = new RequestBudget(100);
    var guard = new BudgetedCallGuard(DIRECT, budget);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 1000; i++) {
      pool.submit(
          () -> {
            try {
              guard.call("ce", "GetCostAndUsage", sent::incrementAndGet);
            } catch (ApiException e) {
              refused.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sent).hasValue(100);
    assertThat(refused).hasValue(900);
    assertThat(budget.used()).isEqualTo(100);
  }

  @Test
  void negativeBudgetIsRejected() {
    assertThatThrownBy(() -> new RequestBudget(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
