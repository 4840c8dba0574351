package dev.quotacli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.UsageMetric;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstimatorTest {
  static final String A = "111111111111";
  static final String B = "222222222222";
  static final Op LIST = new Op("servicequotas", "ListServiceQuotas");
  static final Op DEFAULTS = new Op("servicequotas", "ListAWSDefaultServiceQuotas");
  static final Op GET = new Op("servicequotas", "GetServiceQuota");
  static final Op GET_DEFAULT = new Op("servicequotas", "GetAWSDefaultServiceQuota");
  static final Op METRICS = new Op("monitoring", "GetMetricData");

  static Facts.Limits cold() {
    return new Facts.Limits(false, 0, Range.atLeast(1), Range.between(0, 4));
  }

  static Facts.Limits fresh() {
    return new Facts.Limits(true, 1700, Range.exactly(18), Range.ZERO);
  }

  static Facts.Target ec2(String account, String region, Facts.Limits limits) {
    return new Facts.Target(account, region, region, "ec2", 4, false, false, limits, null);
  }

  @Test
  void aWarmEstateMakesNoCall() {
    var e =
        new Estimator()
            .quotaTargets(
                List.of(ec2(A, "eu-west-1", fresh()), ec2(B, "eu-west-1", fresh())),
                Map.of("eu-west-1/ec2", new Facts.Defaults(true, 1700)))
            .assumeRoles(Set.of(A, B));

    assertThat(e.calls().total()).isEqualTo(Range.ZERO);
    assertThat(e.targets()).isEqualTo(new Estimator.Targets(2, 2, 0, 0));
  }

  /** A service with discovery rules: always listed. */
  static Facts.Target listed(String account, String region, Facts.Limits limits) {
    return new Facts.Target(account, region, region, "ec2", 4, true, false, limits, null);
  }

  @Test
  void aKnownCatalogueListsEachAccountsAppliedPagesAndTheDefaultsOncePerRegion() {
    var stale = new Facts.Limits(false, 1700, Range.exactly(2), Range.exactly(3));
    var e =
        new Estimator()
            .quotaTargets(
                List.of(
                    listed(A, "eu-west-1", stale),
                    listed(B, "eu-west-1", stale),
                    listed(A, "us-east-1", stale)),
                Map.of(
                    "eu-west-1/ec2", new Facts.Defaults(false, 1700),
                    "us-east-1/ec2", new Facts.Defaults(true, 1700)))
            .assumeRoles(Set.of(A));

    assertThat(e.calls().of(LIST)).isEqualTo(Range.exactly(6));
    // 1,700 quotas, 100 a page, once for the estate in eu-west-1; fresh in us-east-1.
    assertThat(e.calls().of(DEFAULTS)).isEqualTo(Range.exactly(17));
    assertThat(e.calls().of(new Op("sts", "AssumeRole"))).isEqualTo(Range.exactly(1));
    assertThat(e.targets().due()).isEqualTo(3);
  }

  @Test
  void aColdTargetHasOpenPageRanges() {
    var e = new Estimator().quotaTargets(List.of(ec2(A, "eu-west-1", cold())), Map.of());

    assertThat(e.calls().of(LIST)).isEqualTo(Range.atLeast(1));
    assertThat(e.calls().of(DEFAULTS)).isEqualTo(Range.atLeast(1));
    assertThat(e.calls().total().bounded()).isFalse();
  }

  @Test
  void fewQuotasOfALargeCatalogueAreAskedOneByOneAndTheirDefaultsOnlyWhereNotApplied() {
    var stale = new Facts.Limits(false, 1700, Range.exactly(18), Range.exactly(1));
    var target = new Facts.Target(A, "eu-west-1", "eu-west-1", "ec2", 2, false, false, stale, null);

    var withStaleDefaults =
        new Estimator()
            .quotaTargets(
                List.of(target), Map.of("eu-west-1/ec2", new Facts.Defaults(false, 1700)));
    var withFreshDefaults =
        new Estimator()
            .quotaTargets(List.of(target), Map.of("eu-west-1/ec2", new Facts.Defaults(true, 1700)));

    assertThat(withStaleDefaults.calls().of(GET)).isEqualTo(Range.exactly(2));
    assertThat(withStaleDefaults.calls().of(GET_DEFAULT)).isEqualTo(Range.exactly(1));
    assertThat(withStaleDefaults.calls().of(LIST)).isEqualTo(Range.ZERO);
    assertThat(withFreshDefaults.calls().of(GET_DEFAULT)).isEqualTo(Range.ZERO);
  }

  @Test
  void degradedTargetsAreSkippedAndCostNothing() {
    var degraded =
        new Facts.Target(A, "eu-west-1", "eu-west-1", "ec2", 4, false, true, cold(), null);

    var e = new Estimator().quotaTargets(List.of(degraded), Map.of()).assumeRoles(Set.of(A));

    assertThat(e.targets()).isEqualTo(new Estimator.Targets(1, 0, 1, 0));
    assertThat(e.calls().total()).isEqualTo(Range.ZERO);
  }

  @Test
  void usageCountsTheCountersCallsAndCloudWatchMetricsOfUncountedQuotas() {
    UsageMetric listeners =
        new UsageMetric("AWS/Usage", "ResourceCount", Map.of("Resource", "Listeners"), "Maximum");
    List<QuotaLimit> limits =
        List.of(
            new QuotaLimit("L-53DA6B97", "ALBs", 50, LimitSource.DEFAULT, null, null),
            new QuotaLimit("L-B22855CB", "Target groups", 3000, LimitSource.DEFAULT, null, null),
            new QuotaLimit("L-B6DF7632", "Listeners", 50, LimitSource.DEFAULT, null, listeners));
    var usage = new Facts.Usage(false, limits, true, Map.of("L-B22855CB", 900.0));
    var target =
        new Facts.Target(
            A, "eu-west-1", "eu-west-1", "elasticloadbalancing", 3, false, false, fresh(), usage);

    var e = new Estimator().quotaTargets(List.of(target), Map.of());

    assertThat(e.calls().of(new Op("elasticloadbalancing", "DescribeLoadBalancers")))
        .isEqualTo(Range.exactly(1));
    // 900 target groups, 400 a page.
    assertThat(e.calls().of(new Op("elasticloadbalancing", "DescribeTargetGroups")))
        .isEqualTo(Range.exactly(3));
    assertThat(e.calls().of(METRICS)).isEqualTo(Range.exactly(1));
    assertThat(e.metrics()).isEqualTo(Range.exactly(1));
    assertThat(e.calls().of("servicequotas")).isEqualTo(Range.ZERO);
  }

  @Test
  void aFreshUsageCacheAnswersWithoutACall() {
    var usage = new Facts.Usage(true, List.of(), true, Map.of());
    var target =
        new Facts.Target(A, "eu-west-1", "eu-west-1", "ec2", 4, false, false, fresh(), usage);

    var e = new Estimator().quotaTargets(List.of(target), Map.of());

    assertThat(e.calls().total()).isEqualTo(Range.ZERO);
    assertThat(e.targets().answered()).isEqualTo(1);
  }

  @Test
  void discoveryAsksDescribeRegionsOnceAndProbesEveryEnabledRegion() {
    var e =
        new Estimator()
            .discovery(List.of(new Facts.Discovery(A, 3, List.of("EC2_INSTANCES", "EBS_VOLUMES"))));

    assertThat(e.calls().of(new Op("ec2", "DescribeRegions"))).isEqualTo(Range.exactly(1));
    assertThat(e.calls().of(new Op("ec2", "DescribeInstances"))).isEqualTo(Range.atLeast(3));
    assertThat(e.calls().of(new Op("ec2", "DescribeVolumes"))).isEqualTo(Range.atLeast(0));
  }

  @Test
  void theShortestTimeIsTheBusiestRateLimiterKeysCallsAtTheRate() {
    Calls calls =
        new Calls()
            .add(A, "eu-west-1", LIST, Range.exactly(17))
            .add(B, "eu-west-1", LIST, Range.exactly(17))
            .add(A, "eu-west-1", GET, Range.exactly(3));
    Plan plan =
        new Plan("limits", List.of(), null, calls, Range.ZERO, Range.ZERO, List.of(), 8, List.of());

    // 17 calls of one key at 8/s: the first at once, 16 more take 2 s; other keys run beside it.
    assertThat(plan.shortestSeconds()).isEqualTo(Range.exactly(2));
  }

  @Test
  void eachAccountRegionsRequestHistoryNotCachedIsItsLastPagesElseAtLeastOne() {
    var e = new Estimator();
    e.requestHistories(
        List.of(
            new Facts.Requests(A, "eu-west-1", true, 3), // fresh: no call
            new Facts.Requests(A, "us-east-1", false, 250), // 3 pages last time
            new Facts.Requests(B, "eu-west-1", false, 0), // an empty history is one page
            new Facts.Requests(B, "us-east-1", false, null))); // never fetched

    assertThat(e.calls().of(new Op("servicequotas", "ListRequestedServiceQuotaChangeHistory")))
        .isEqualTo(Range.exactly(4).plus(Range.atLeast(1)));
  }
}
