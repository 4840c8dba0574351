package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailsafeCallGuardsTest {
  private static final RetrySettings NO_DELAY =
      new RetrySettings(3, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(10), 1000);

  @Test
  void throttledCallsAreRetriedAndCounted() {
    var guard = new FailsafeCallGuards(NO_DELAY, new ApiStats());
    AtomicInteger attempts = new AtomicInteger();

    String result =
        guard
            .forTarget("111111111111", "eu-west-1")
            .call(
                "servicequotas",
                "ListServiceQuotas",
                () -> {
                  if (attempts.incrementAndGet() <= 2) {
                    throw new ApiException(FailureKind.THROTTLED, true, true, "Rate exceeded");
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    var counts =
        guard.stats().snapshot().get(new ApiStats.Key("servicequotas", "ListServiceQuotas"));
    assertThat(counts).isEqualTo(new ApiStats.Counts(3, 2, 2));
  }

  @Test
  void theRequestHistoryIsPacedBelowItsPublishedRateAndOtherCallsAtThePasssRate() {
    var guards = new FailsafeCallGuards(RetrySettings.DEFAULT, new ApiStats());

    assertThat(guards.ratePerSecond("ListRequestedServiceQuotaChangeHistory")).isEqualTo(4.0);
    assertThat(guards.ratePerSecond("ListServiceQuotas")).isEqualTo(8.0);
    assertThat(new FailsafeCallGuards(NO_DELAY, new ApiStats()).ratePerSecond("ListServiceQuotas"))
        .isEqualTo(1000.0);
  }

  @Test
  void accessDeniedIsNotRetried() {
    var guard = new FailsafeCallGuards(NO_DELAY, new ApiStats());
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                guard
                    .forTarget("111111111111", "eu-west-1")
                    .call(
                        "servicequotas",
                        "GetServiceQuota",
                        () -> {
                          attempts.incrementAndGet();
                          throw new ApiException(FailureKind.ACCESS_DENIED, false, false, "denied");
                        }))
        .isInstanceOf(ApiException.class)
        .hasMessage("denied");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retriesStopAtTheLimitAndTheLastErrorSurfaces() {
    var guard = new FailsafeCallGuards(NO_DELAY, new ApiStats());
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                guard
                    .forTarget("111111111111", "eu-west-1")
                    .call(
                        "ec2",
                        "DescribeRegions",
                        () -> {
                          attempts.incrementAndGet();
                          throw new ApiException(FailureKind.UNAVAILABLE, true, false, "HTTP 503");
                        }))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.UNAVAILABLE));
    assertThat(attempts).hasValue(4);
  }

  @Test
  void rateLimitSpacesCallsOfOneAccountRegionAndOperation() {
    var settings =
        new RetrySettings(0, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(10), 20);
    var guard = new FailsafeCallGuards(settings, new ApiStats());
    CallGuard g = guard.forTarget("111111111111", "eu-west-1");

    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      g.call("servicequotas", "ListServiceQuotas", () -> "x");
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    // 20 per second: 6 calls need at least 5 gaps of 50 ms.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(240);
  }
}
