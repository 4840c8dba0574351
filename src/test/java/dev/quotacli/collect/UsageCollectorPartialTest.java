package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.aService;
import static dev.quotacli.testing.Fixtures.anAccount;
import static dev.quotacli.testing.Fixtures.anApiQuota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.diagnostics.Diagnostics;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.QuotaUsage;
import dev.quotacli.quota.Region;
import dev.quotacli.quota.Scope;
import dev.quotacli.quota.UsageMetric;
import dev.quotacli.quota.UsageOrigin;
import dev.quotacli.testing.DirectCallGuards;
import dev.quotacli.testing.InMemoryServiceQuotas;
import dev.quotacli.testing.InMemoryUsageCounters;
import dev.quotacli.testing.InMemoryUsageMetrics;
import dev.quotacli.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed call loses only the quotas that need it: {@link UsageCollector} over in-memory Service
 * Quotas, counters (one quota failing on its own) and CloudWatch, with real caches.
 */
class UsageCollectorPartialTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final String ID = "111111111111";
  private static final Account ACCOUNT = anAccount(ID, "eu-west-1");
  private static final Region EU = new Region("eu-west-1");
  private static final Target EC2 = new Target(ACCOUNT, EU, "ec2");

  private static final String STANDARD_VCPUS = "L-1216C47A";
  private static final String SPOT_VCPUS = "L-34B43A08";
  private static final String EIPS = "L-0263D0A3";
  private static final String AMIS = "L-B665C33B";

  /** Transit gateways: no counter value here, but a usage metric. */
  private static final String TGWS = "L-A2478D36";

  private static final UsageMetric TGW_METRIC =
      new UsageMetric("AWS/Usage", "ResourceCount", Map.of("Resource", "TGW"), "Maximum");
  private static final UsageMetric VCPU_METRIC =
      new UsageMetric("AWS/Usage", "ResourceCount", Map.of("Resource", "vCPU"), "Maximum");

  private static final ServiceConfig SERVICE =
      aService("ec2", Scope.REGIONAL, STANDARD_VCPUS, SPOT_VCPUS, EIPS, AMIS, TGWS);

  @TempDir Path root;

  private MutableClock clock;
  private UsageCache usageCache;
  private InMemoryServiceQuotas quotas;
  private InMemoryUsageCounters counters;
  private InMemoryUsageMetrics cloudwatch;
  private DirectCallGuards guards;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    usageCache = new UsageCache(root, Duration.ofHours(1), clock);
    quotas = new InMemoryServiceQuotas();
    counters = new InMemoryUsageCounters();
    cloudwatch = new InMemoryUsageMetrics();
    guards = new DirectCallGuards();
    quotas.defaults(
        "ec2",
        new ApiQuota(STANDARD_VCPUS, "Standard vCPUs", 640.0, "None", VCPU_METRIC, null),
        anApiQuota(SPOT_VCPUS, 640),
        anApiQuota(EIPS, 5),
        anApiQuota(AMIS, 50000),
        new ApiQuota(TGWS, "Transit gateways", 5.0, "None", TGW_METRIC, null));
    counters
        .count("ec2", STANDARD_VCPUS, 8)
        .count("ec2", SPOT_VCPUS, 0)
        .count("ec2", EIPS, 2)
        .count("ec2", AMIS, 3);
    cloudwatch.datapoint(TGW_METRIC, 1).datapoint(VCPU_METRIC, 999);
    Diagnostics.install(new PrintWriter(err, true), Diagnostics.Level.NORMAL);
  }

  @AfterEach
  void restoreDiagnostics() {
    Diagnostics.install(
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), Diagnostics.Level.NORMAL);
  }

  private TargetResult collect() {
    return new UsageCollector(
            new LimitCollector(
                new LimitCache(root, Duration.ofHours(24), clock), quotas, guards, clock, false),
            usageCache,
            counters,
            cloudwatch,
            guards,
            clock,
            false)
        .collect(EC2, SERVICE);
  }

  private TargetResult.Collected collected() {
    TargetResult r = collect();
    assertThat(r).isInstanceOf(TargetResult.Collected.class);
    return (TargetResult.Collected) r;
  }

  @Test
  void aDeniedCallLosesOnlyItsQuotaAndTheRestOfTheUsageIsExported() {
    counters.failing("ec2", AMIS, FailureKind.ACCESS_DENIED);

    var result = collected();

    assertThat(result.usage())
        .containsExactly(
            new QuotaUsage(EIPS, 2, UsageOrigin.COUNTER),
            new QuotaUsage(STANDARD_VCPUS, 8, UsageOrigin.COUNTER),
            new QuotaUsage(SPOT_VCPUS, 0, UsageOrigin.COUNTER),
            new QuotaUsage(TGWS, 1, UsageOrigin.CLOUDWATCH));
    assertThat(result.usage()).noneMatch(u -> u.code().equals(AMIS));
    assertThat(result.unknownUsage())
        .containsExactly(AMIS + ": access_denied: DescribeL-B665C33B: access_denied");
    assertThat(result.limits()).hasSize(5);
    // Reported once for the target, through the collectors' logger.
    assertThat(err.toString())
        .isEqualTo(
            "quota-cli: warning: "
                + EC2.describe()
                + ": usage of 1 of 5 quotas unknown, a call failed: access_denied:"
                + " DescribeL-B665C33B: access_denied\n");
  }

  @Test
  void aPartialCountIsNotCachedSoTheNextPassCountsAgain() {
    counters.failing("ec2", AMIS, FailureKind.THROTTLED);

    collected();
    assertThat(usageCache.path(ID, EU, "ec2")).doesNotExist();
    counters.failing("ec2", AMIS, null);
    clock.advance(Duration.ofMinutes(5));
    var second = collected();

    assertThat(counters.countCalls()).isEqualTo(2);
    assertThat(second.usage()).contains(new QuotaUsage(AMIS, 3, UsageOrigin.COUNTER));
    assertThat(second.unknownUsage()).isEmpty();
    assertThat(usageCache.path(ID, EU, "ec2")).exists();
  }

  @Test
  void aQuotaWhoseCounterCallFailedIsNotAskedOfCloudWatch() {
    counters.failing("ec2", STANDARD_VCPUS, FailureKind.THROTTLED);

    var result = collected();

    assertThat(result.unknownUsage())
        .containsExactly(STANDARD_VCPUS + ": throttled: DescribeL-1216C47A: throttled");
    assertThat(result.usage()).noneMatch(u -> u.code().equals(STANDARD_VCPUS));
    assertThat(cloudwatch.asked()).containsExactly(List.of(TGW_METRIC));
  }

  @Test
  void aFailedCloudWatchCallLosesOnlyTheQuotasThatWantedIt() {
    cloudwatch.failing(FailureKind.THROTTLED);

    var result = collected();

    assertThat(result.usage()).hasSize(4).allMatch(u -> u.origin() == UsageOrigin.COUNTER);
    assertThat(result.unknownUsage())
        .containsExactly(TGWS + ": throttled: GetMetricData: throttled");
    assertThat(usageCache.path(ID, EU, "ec2")).doesNotExist();
  }

  @Test
  void refusedCredentialsFailTheWholeTarget() {
    counters.failing("ec2", AMIS, FailureKind.INVALID_CREDENTIALS);

    assertThatThrownBy(this::collect)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS));
    assertThat(cloudwatch.calls()).isZero();
    assertThat(usageCache.path(ID, EU, "ec2")).doesNotExist();
  }

  @Test
  void refusedCredentialsOnCloudWatchFailTheWholeTargetToo() {
    cloudwatch.failing(FailureKind.INVALID_CREDENTIALS);

    assertThatThrownBy(this::collect)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_CREDENTIALS));
  }

  @Test
  void whenTheFailuresLeaveNoUsageAtAllTheTargetFailsAsBefore() {
    counters.failing("ec2", AMIS, FailureKind.ACCESS_DENIED);

    assertThatThrownBy(
            () ->
                new UsageCollector(
                        new LimitCollector(
                            new LimitCache(root, Duration.ofHours(24), clock),
                            quotas,
                            guards,
                            clock,
                            false),
                        usageCache,
                        counters,
                        cloudwatch,
                        guards,
                        clock,
                        false)
                    .collect(EC2, aService("ec2", Scope.REGIONAL, AMIS)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED))
        .hasMessage("DescribeL-B665C33B: access_denied");
    assertThat(usageCache.path(ID, EU, "ec2")).doesNotExist();
  }

  // --- the port's helper

  @Test
  void theTallyLosesAFailedGroupOnlyAndRethrowsRefusedCredentials() {
    UsageCounter.Tally tally = new UsageCounter.Tally();
    ApiException denied =
        new ApiException(FailureKind.ACCESS_DENIED, false, false, "DescribeImages: denied");

    tally.group(List.of("A", "B"), () -> Map.of("A", 1.0, "B", 2.0));
    tally.group(
        List.of("C", "D"),
        () -> {
          throw denied;
        });
    tally.group(List.of("E"), () -> Map.of("E", 0.0));

    var counted = tally.counted();
    assertThat(counted.usage())
        .containsExactly(Map.entry("A", 1.0), Map.entry("B", 2.0), Map.entry("E", 0.0));
    assertThat(counted.failed()).containsOnlyKeys("C", "D").containsValue(denied);
    assertThat(counted.usage()).doesNotContainKeys("C", "D");
    // All or nothing, for callers that want it: the first failure.
    UsageCounter counter = quotasAsked -> counted;
    assertThatThrownBy(() -> counter.count(List.of())).isSameAs(denied);

    for (FailureKind refused :
        List.of(FailureKind.INVALID_CREDENTIALS, FailureKind.NO_CREDENTIALS)) {
      ApiException e = new ApiException(refused, false, false, "refused");
      assertThatThrownBy(
              () ->
                  new UsageCounter.Tally()
                      .group(
                          List.of("A"),
                          () -> {
                            throw e;
                          }))
          .isSameAs(e);
    }
  }
}
