package dev.quotacli.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.UsageMetric;
import dev.quotacli.quota.UsageOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMeasureTest {
  private static final UsageMetric LISTENERS =
      new UsageMetric(
          "AWS/Usage",
          "ResourceCount",
          Map.of("Resource", "ListenersPerApplicationLoadBalancer"),
          "Maximum");
  private static final UsageMetric RULES =
      new UsageMetric(
          "AWS/Usage",
          "ResourceCount",
          Map.of("Resource", "RoutingRulesPerApplicationLoadBalancer"),
          "Maximum");
  private static final UsageMetric ALBS =
      new UsageMetric(
          "AWS/Usage",
          "ResourceCount",
          Map.of("Resource", "ApplicationLoadBalancersPerRegion"),
          "Maximum");

  private static QuotaLimit limit(String code, UsageMetric metric) {
    return new QuotaLimit(code, "Quota " + code, 50, LimitSource.DEFAULT, "None", metric);
  }

  @Test
  void counterWinsThenCloudWatchThenUnknownWithReason() {
    var limits =
        List.of(
            limit("L-ALB", ALBS),
            limit("L-LST", LISTENERS),
            limit("L-RUL", RULES),
            limit("L-NONE", null));
    List<List<UsageMetric>> asked = new ArrayList<>();

    var measured =
        UsageCollector.measure(
            limits,
            Map.of("L-ALB", 3.0),
            metrics -> {
              asked.add(metrics);
              return Map.of(LISTENERS, 7.0);
            });

    assertThat(measured.usage())
        .containsExactly(
            new QuotaUsage("L-ALB", 3.0, UsageOrigin.COUNTER),
            new QuotaUsage("L-LST", 7.0, UsageOrigin.CLOUDWATCH));
    assertThat(measured.unknown())
        .containsExactly(
            "L-RUL: no datapoint for its usage metric in the last hour",
            "L-NONE: no counter and no usage metric");
    // The counted quota's metric is not asked for: CloudWatch only fills gaps.
    assertThat(asked).singleElement().asList().containsExactly(LISTENERS, RULES);
  }

  @Test
  void countedZeroIsAKnownZero() {
    var measured =
        UsageCollector.measure(List.of(limit("L-ALB", null)), Map.of("L-ALB", 0.0), m -> Map.of());

    assertThat(measured.usage()).containsExactly(new QuotaUsage("L-ALB", 0.0, UsageOrigin.COUNTER));
    assertThat(measured.unknown()).isEmpty();
  }
}
