package dev.quotacli.output;

import static dev.quotacli.testing.Fixtures.anAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.quotacli.collect.ApiStats;
import dev.quotacli.collect.FailureKind;
import dev.quotacli.collect.RunSummary;
import dev.quotacli.collect.Target;
import dev.quotacli.collect.TargetResult;
import dev.quotacli.quota.ExportPolicy;
import dev.quotacli.quota.IncreaseRequest;
import dev.quotacli.quota.LimitSource;
import dev.quotacli.quota.QuotaLimit;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.RequestHistory;
import dev.quotacli.testing.PromText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitsTextfileTest {
  /** SageMaker's listed total; the per-instance-type quotas of the fixture are discovered. */
  static final String NOTEBOOKS = "L-04CE2E67";

  /** SageMaker's discovered quotas are exported only where notable. */
  static ExportPolicy exportPolicy() {
    return new ExportPolicy(Map.of("sagemaker", Set.of(NOTEBOOKS)));
  }

  /**
   * A limits pass: applied and default limits; SageMaker with a listed quota and discovered ones
   * (raised, applied at its default, default); a target from cache with a quota problem; a failed
   * one whose account name needs escaping.
   */
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
                                null)
                            .withDefault(5),
                        new QuotaLimit(
                            "L-0263D0A3",
                            "EC2-VPC Elastic IPs",
                            5,
                            LimitSource.DEFAULT,
                            "None",
                            null)),
                    false,
                    List.of())
                .withRequests(
                    RequestHistory.relevant(
                        List.of(
                            new IncreaseRequest(
                                "7f1c",
                                "ec2",
                                "L-1216C47A",
                                "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                                4096,
                                IncreaseRequest.Status.PENDING,
                                Instant.parse("2026-11-19T10:00:00Z"),
                                null),
                            new IncreaseRequest(
                                "3a2b",
                                "ec2",
                                "L-0263D0A3",
                                "EC2-VPC Elastic IPs",
                                10,
                                IncreaseRequest.Status.DENIED,
                                Instant.parse("2026-11-01T10:00:00Z"),
                                Instant.parse("2026-11-02T10:00:00Z"))),
                        Instant.parse("2026-11-22T10:00:00Z"))),
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
                        "L-2A1C3B7F",
                        "ml.p4d.24xlarge for endpoint usage",
                        4,
                        LimitSource.APPLIED,
                        "None",
                        null,
                        false),
                    new QuotaLimit(
                        "L-5B9D1E02",
                        "ml.c5.xlarge for endpoint usage",
                        4,
                        LimitSource.APPLIED,
                        "None",
                        null,
                        true),
                    new QuotaLimit(
                        "L-8E4F6A13",
                        "ml.t3.large for notebook instance usage",
                        5,
                        LimitSource.DEFAULT,
                        "None",
                        null)),
                false,
                List.of()),
            new TargetResult.Collected(
                    new Target(prod, Region.GLOBAL, "route53"),
                    List.of(
                        new QuotaLimit(
                            "L-4EA4796A", "Hosted zones", 500, LimitSource.DEFAULT, "None", null)),
                    true,
                    List.of("L-ACB674F3 (Health checks): DEPENDENCY_ACCESS_DENIED_ERROR"))
                .withRequests(RequestHistory.unknown("access_denied")),
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
        .hasSize(5)
        .noneMatch(l -> l.contains("222222222222"));
    assertThat(text).contains("account_name=\"team \\\"blue\\\"\\\\ops\"");
  }

  @Test
  void theDefaultIsExportedBesideAnAppliedValueThatDiffersFromIt() {
    var samples = PromText.parse(Goldens.LIMITS.render().get());
    assertThat(PromText.value(samples, LimitsTextfile.DEFAULT, "quota_code", "L-1216C47A"))
        .isEqualTo(5.0);
    assertThat(PromText.value(samples, LimitsTextfile.LIMIT, "quota_code", "L-1216C47A"))
        .isEqualTo(1152.0);
    // A default limit, and an applied one whose default is not known, have no default series.
    assertThat(PromText.select(samples, LimitsTextfile.DEFAULT, "quota_code", "L-0263D0A3"))
        .isEmpty();
    assertThat(PromText.select(samples, LimitsTextfile.DEFAULT, "service", "sagemaker")).isEmpty();
  }

  @Test
  void openAndLatelyClosedRequestsAreExportedWithTheirStatusAndAnUnknownHistoryIsCounted() {
    var samples = PromText.parse(Goldens.LIMITS.render().get());

    assertThat(
            PromText.value(
                samples, LimitsTextfile.REQUESTED, "quota_code", "L-1216C47A", "status", "pending"))
        .isEqualTo(4096.0);
    assertThat(
            PromText.value(
                samples,
                LimitsTextfile.REQUEST_CREATED,
                "quota_code",
                "L-1216C47A",
                "status",
                "pending"))
        .isEqualTo(Instant.parse("2026-11-19T10:00:00Z").getEpochSecond());
    assertThat(
            PromText.value(
                samples, LimitsTextfile.REQUESTED, "quota_code", "L-0263D0A3", "status", "denied"))
        .isEqualTo(10.0);
    // route53's history failed: unknown (counted once for us-east-1), not "no request".
    assertThat(PromText.select(samples, LimitsTextfile.REQUESTED, "service", "route53")).isEmpty();
    assertThat(
            PromText.value(
                samples,
                LimitsTextfile.HISTORY_UNKNOWN,
                "account_id",
                "111111111111",
                "region",
                "us-east-1"))
        .isEqualTo(1.0);
    assertThat(PromText.select(samples, LimitsTextfile.HISTORY_UNKNOWN)).hasSize(1);
  }

  @Test
  void aDiscoveredQuotaIsExportedOnlyWhereItsAppliedValueIsNotTheDefault() {
    var samples = PromText.parse(Goldens.LIMITS.render().get());

    assertThat(PromText.select(samples, LimitsTextfile.LIMIT, "service", "sagemaker"))
        .extracting(s -> s.label("quota_name"), PromText.Sample::value)
        .containsExactlyInAnyOrder(
            tuple("Total number of notebook instances", 20.0), // listed, at its default
            tuple("ml.p4d.24xlarge for endpoint usage", 4.0)); // discovered, raised
    assertThat(PromText.value(samples, LimitsTextfile.APPLIED, "quota_code", "L-2A1C3B7F"))
        .isEqualTo(1.0);
    // The listed one is at its default: no applied series.
    assertThat(PromText.select(samples, LimitsTextfile.APPLIED, "service", "sagemaker")).hasSize(1);
  }

  @Test
  void exportAllKeepsEveryDiscoveredQuota() {
    var samples =
        PromText.parse(
            LimitsTextfile.render(aRun(), results(), ExportPolicy.EVERYTHING, Goldens.VERSION));

    assertThat(PromText.select(samples, LimitsTextfile.LIMIT, "service", "sagemaker")).hasSize(4);
  }
}
