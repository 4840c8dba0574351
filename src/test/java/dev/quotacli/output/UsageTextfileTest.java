package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.account.Account;
import dev.quotacli.account.AccountId;
import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Shard;
import dev.quotacli.quota.UsageOrigin;
import dev.quotacli.testing.PromText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageTextfileTest {
  /** SageMaker's listed total. */
  static final String NOTEBOOKS = "L-04CE2E67";

  /** Discovered, in use. */
  static final String USED_TYPED = "L-3C7E9A21";

  /** Discovered, unused. */
  static final String IDLE_TYPED = "L-8E4F6A13";

  /** SageMaker's discovered quotas are exported only where notable. */
  static ExportPolicy exportPolicy() {
    return new ExportPolicy(Map.of("sagemaker", Set.of(NOTEBOOKS)));
  }

  /**
   * A usage pass of shard 0/2: counter and CloudWatch usage, a limit of 0 (no percent), an unknown
   * usage, SageMaker with a listed quota and discovered ones (used, unused), a target from cache
   * with a quota problem, a degraded target, a failed one.
   */
  static List<TargetResult> results() {
    var prod = anAccount("111111111111", "eu-west-1", "us-east-1");
    var odd =
        new Account(
            new AccountId("222222222222"), "team \"blue\"\\ops", prod.credentials(), List.of());
    var eu = new Region("eu-west-1");
    var ondemand =
        new QuotaLimit(
            "L-1216C47A",
            "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
            1152,
            LimitSource.APPLIED,
            "None",
            null);
    List<TargetResult> results =
        List.of(
            new TargetResult.Collected(
                new Target(prod, eu, "ec2"),
                List.of(
                    new QuotaLimit(
                        "L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.DEFAULT, "None", null),
                    ondemand,
                    new QuotaLimit(
                        "L-34B43A08",
                        "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests",
                        640,
                        LimitSource.DEFAULT,
                        "None",
                        null),
                    new QuotaLimit(
                        "L-DB2E81BA",
                        "Running On-Demand G and VT instances",
                        0,
                        LimitSource.DEFAULT,
                        "None",
                        null)),
                false,
                List.of(),
                List.of(
                    new QuotaUsage("L-1216C47A", 96, UsageOrigin.COUNTER),
                    new QuotaUsage("L-0263D0A3", 5, UsageOrigin.CLOUDWATCH),
                    new QuotaUsage("L-DB2E81BA", 0, UsageOrigin.COUNTER)),
                List.of("L-34B43A08: no datapoint for its usage metric in the last hour")),
            new TargetResult.Collected(
                new Target(prod, eu, "sagemaker"),
                List.of(
                    new QuotaLimit(
                        NOTEBOOKS,
                        "Total number of notebook instances",
                        20,
                        LimitSource.DEFAULT,
                        "None",
                        null),
                    new QuotaLimit(
                        USED_TYPED,
                        "ml.g5.2xlarge for training job usage",
                        2,
                        LimitSource.DEFAULT,
                        "None",
                        null),
                    new QuotaLimit(
                        IDLE_TYPED,
                        "ml.t3.large for notebook instance usage",
                        5,
                        LimitSource.DEFAULT,
                        "None",
                        null)),
                false,
                List.of(),
                List.of(
                    new QuotaUsage(NOTEBOOKS, 0, UsageOrigin.COUNTER),
                    new QuotaUsage(USED_TYPED, 2, UsageOrigin.COUNTER),
                    new QuotaUsage(IDLE_TYPED, 0, UsageOrigin.COUNTER)),
                List.of()),
            new TargetResult.Collected(
                new Target(prod, Region.GLOBAL, "route53"),
                List.of(
                    new QuotaLimit(
                        "L-4EA4796A", "Hosted zones", 500, LimitSource.DEFAULT, "None", null)),
                true,
                List.of("L-ACB674F3: AWS reports no such quota for route53 here"),
                List.of(new QuotaUsage("L-4EA4796A", 12, UsageOrigin.COUNTER)),
                List.of()),
            new TargetResult.Degraded(
                new Target(prod, Region.US_EAST_1, "ec2"),
                List.of(ondemand),
                Instant.parse("2026-11-22T10:35:00Z")),
            new TargetResult.Failed(
                new Target(odd, eu, "ec2"),
                FailureKind.THROTTLED,
                "DescribeInstances: RequestLimitExceeded: Request limit exceeded."));
    return results;
  }

  static RunSummary aRun() {
    List<TargetResult> results = results();
    Map<ApiStats.Key, ApiStats.Counts> api =
        Map.of(
            new ApiStats.Key("cloudwatch", "GetMetricData"), new ApiStats.Counts(2, 1, 0),
            new ApiStats.Key("ec2", "DescribeAddresses"), new ApiStats.Counts(1, 0, 0),
            new ApiStats.Key("ec2", "DescribeInstances"), new ApiStats.Counts(7, 3, 3),
            new ApiStats.Key("route53", "GetAccountLimit"), new ApiStats.Counts(1, 0, 0));
    return new RunSummary(
        "usage",
        Instant.parse("2026-11-22T10:05:00Z"),
        Duration.ofMillis(42_250),
        RunSummary.statuses(results),
        api,
        List.of(),
        Instant.parse("2026-11-22T09:05:31.5Z"),
        new Shard(0, 2),
        null,
        // The first target succeeded in this run; the second's last success is carried over.
        Map.of(
            results.get(0).target().describe(),
            Instant.parse("2026-11-22T10:05:42.25Z"),
            results.get(1).target().describe(),
            Instant.parse("2026-11-21T10:05:40Z")));
  }

  @Test
  void rendersTheGoldenFileByteForByte() throws Exception {
    Goldens.USAGE.assertMatchesFile();
  }

  @Test
  void holdsTheTextfileInvariants() {
    Goldens.USAGE.assertInvariants();
  }

  @Test
  void unknownUsageIsCountedNeverZeroAndPercentOnlyWhereTheLimitIsAboveZero() {
    var samples = PromText.parse(Goldens.USAGE.render().get());

    assertThat(PromText.select(samples, "cloud_service_quota_usage", "quota_code", "L-34B43A08"))
        .isEmpty();
    assertThat(
            PromText.value(
                samples, "quota_cli_usage_unknown", "account_id", "111111111111", "service", "ec2"))
        .isEqualTo(1.0);
    assertThat(PromText.select(samples, "cloud_quota_usage_percent", "quota_code", "L-DB2E81BA"))
        .isEmpty();
    assertThat(PromText.value(samples, "cloud_quota_usage_percent", "quota_code", "L-0263D0A3"))
        .isEqualTo(100.0);
    assertThat(
            PromText.value(
                samples,
                "quota_cli_usage_origin",
                "quota_code",
                "L-0263D0A3",
                "origin",
                "cloudwatch"))
        .isEqualTo(1.0);
  }

  @Test
  void degradedAndFailedTargetsHaveNoUsageSeries() {
    var samples = PromText.parse(Goldens.USAGE.render().get());

    assertThat(PromText.select(samples, "cloud_service_quota_usage", "region", "us-east-1"))
        .isEmpty();
    assertThat(PromText.select(samples, "cloud_service_quota_usage", "account_id", "222222222222"))
        .isEmpty();
    assertThat(PromText.value(samples, "quota_cli_target_degraded", "region", "us-east-1"))
        .isEqualTo(1.0);
    assertThat(PromText.value(samples, "quota_cli_targets", "shard", "0/2", "status", "degraded"))
        .isEqualTo(1.0);
  }

  @Test
  void aDiscoveredQuotaIsExportedOnlyWhereItsUsageIsAboveZero() {
    var samples = PromText.parse(Goldens.USAGE.render().get());

    assertThat(PromText.select(samples, "cloud_service_quota_usage", "service", "sagemaker"))
        .extracting(x -> x.label("quota_code"), PromText.Sample::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(NOTEBOOKS, 0.0), // listed: kept at 0
            org.assertj.core.groups.Tuple.tuple(USED_TYPED, 2.0)); // discovered, in use
    assertThat(PromText.value(samples, "cloud_quota_usage_percent", "quota_code", USED_TYPED))
        .isEqualTo(100.0);
    assertThat(Goldens.USAGE.render().get()).doesNotContain(IDLE_TYPED);
  }

  @Test
  void exportAllKeepsEveryDiscoveredUsage() {
    var samples =
        PromText.parse(
            UsageTextfile.render(aRun(), results(), ExportPolicy.EVERYTHING, Goldens.VERSION));

    assertThat(PromText.select(samples, "cloud_service_quota_usage", "quota_code", IDLE_TYPED))
        .singleElement()
        .extracting(PromText.Sample::value)
        .isEqualTo(0.0);
  }

  @Test
  void usageOriginIsOneSeriesPerServiceQuotaAndOriginCountingAccountsAndRegions() {
    var eu = new Region("eu-west-1");
    var us = Region.US_EAST_1;
    var a = anAccount("111111111111", "eu-west-1", "us-east-1");
    var b = anAccount("333333333333", "eu-west-1");
    var eips =
        new QuotaLimit("L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.DEFAULT, "None", null);
    List<TargetResult> results = new java.util.ArrayList<>();
    for (var target :
        List.of(new Target(a, eu, "ec2"), new Target(a, us, "ec2"), new Target(b, eu, "ec2"))) {
      var origin = target.region().equals(us) ? UsageOrigin.CLOUDWATCH : UsageOrigin.COUNTER;
      results.add(
          new TargetResult.Collected(
              target,
              List.of(eips),
              false,
              List.of(),
              List.of(new QuotaUsage("L-0263D0A3", 2, origin)),
              List.of()));
    }
    var run =
        RunSummary.ofTargets(
            "usage",
            Instant.parse("2026-11-22T10:05:00Z"),
            Duration.ofSeconds(1),
            results,
            Map.of(),
            List.of(),
            null);

    var samples =
        PromText.parse(UsageTextfile.render(run, results, ExportPolicy.EVERYTHING, "1.0"));

    assertThat(PromText.select(samples, "cloud_service_quota_usage")).hasSize(3);
    assertThat(PromText.select(samples, UsageTextfile.ORIGIN))
        .extracting(PromText.Sample::labels, PromText.Sample::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Map.of(
                    "subcommand", "usage",
                    "service", "ec2",
                    "quota_code", "L-0263D0A3",
                    "origin", "cloudwatch"),
                1.0),
            org.assertj.core.groups.Tuple.tuple(
                Map.of(
                    "subcommand", "usage",
                    "service", "ec2",
                    "quota_code", "L-0263D0A3",
                    "origin", "counter"),
                2.0));
  }
}
