package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTextfileTest {
  static List<TargetResult> results() {
    var prod = anAccount("111111111111", "eu-west-1");
    var odd =
        new dev.quotacli.account.Account(
            new dev.quotacli.account.AccountId("222222222222"),
            "team \"blue\"\\ops",
            prod.credentials(),
            List.of());
    var eu = new Region("eu-west-1");
    List<TargetResult> results =
        List.of(
            new TargetResult.Collected(
                new Target(prod, eu, "ec2"),
                List.of(
                    new QuotaLimit(
                        "L-1216C47A",
                        "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                        1152,
                        LimitSource.APPLIED,
                        "None",
                        null),
                    new QuotaLimit(
                        "L-0263D0A3", "EC2-VPC Elastic IPs", 5, LimitSource.DEFAULT, "None", null)),
                false,
                List.of()),
            new TargetResult.Collected(
                new Target(prod, Region.GLOBAL, "route53"),
                List.of(
                    new QuotaLimit(
                        "L-4EA4796A", "Hosted zones", 500, LimitSource.DEFAULT, "None", null)),
                true,
                List.of("L-ACB674F3 (Health checks): DEPENDENCY_ACCESS_DENIED_ERROR")),
            new TargetResult.Failed(
                new Target(odd, eu, "ec2"),
                FailureKind.ACCESS_DENIED,
                "ListServiceQuotas: AccessDeniedException: no"));
    return results;
  }

  static RunSummary aRun() {
    List<TargetResult> results = results();
    Map<ApiStats.Key, ApiStats.Counts> api =
        Map.of(
            new ApiStats.Key("servicequotas", "ListServiceQuotas"), new ApiStats.Counts(3, 1, 1),
            new ApiStats.Key("servicequotas", "ListAWSDefaultServiceQuotas"),
                new ApiStats.Counts(2, 0, 0),
            new ApiStats.Key("sts", "AssumeRole"), new ApiStats.Counts(1, 0, 0));
    return RunSummary.ofTargets(
        "limits",
        Instant.parse("2026-11-22T10:00:00Z"),
        Duration.ofMillis(1500),
        results,
        api,
        List.of("cmdb row 7: account_id must be 12 digits, got '12345'"),
        Instant.parse("2026-11-21T10:00:02Z"));
  }

  @Test
  void rendersTheGoldenFileByteForByte() throws Exception {
    Goldens.LIMITS.assertMatchesFile();
  }

  @Test
  void holdsTheTextfileInvariants() {
    Goldens.LIMITS.assertInvariants();
  }

  @Test
  void failedTargetsHaveNoLimitSeriesAndLabelValuesAreEscaped() {
    String text = Goldens.LIMITS.render().get();

    assertThat(text.lines().filter(l -> l.startsWith("cloud_service_quota_limit{")))
        .hasSize(3)
        .noneMatch(l -> l.contains("222222222222"));
    assertThat(text).contains("account_name=\"team \\\"blue\\\"\\\\ops\"");
  }
}
