package dev.quotacli.collect;

import static dev.quotacli.testing.Fixtures.aService;
import static dev.quotacli.testing.Fixtures.anAccount;
import static dev.quotacli.testing.Fixtures.anApiQuota;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotacli.account.Account;
import dev.quotacli.cache.LimitCache;
import dev.quotacli.cache.Lookup;
import dev.quotacli.cache.UsageCache;
import dev.quotacli.config.ServiceConfig;
import dev.quotacli.quota.ApiQuota;
import dev.quotacli.quota.QuotaLimit;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UsageCollector} over a real {@link LimitCollector} (in-memory Service Quotas), in-memory
 * counters and CloudWatch metrics, and real limit and usage caches on a temporary directory.
 */
class UsageCollectorTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final Duration LIMIT_TTL = Duration.ofHours(24);
  private static final Duration USAGE_TTL = Duration.ofHours(1);
  private static final String ID = "111111111111";
  private static final Account ACCOUNT = anAccount(ID, "eu-west-1");
  private static final Region EU = new Region("eu-west-1");
  private static final String ELB = "elasticloadbalancing";
  private static final Target TARGET = new Target(ACCOUNT, EU, ELB);

  private static final String ALBS = "L-53DA6B97";
  private static final String LISTENERS = "L-B6DF7632";
  private static final String RULES = "L-D5FDE0C6";
  private static final String CERTS = "L-1D7F5B4C";

  private static final UsageMetric ALBS_METRIC = metric("ApplicationLoadBalancersPerRegion");
  private static final UsageMetric LISTENERS_METRIC = metric("ListenersPerApplicationLoadBalancer");
  private static final UsageMetric RULES_METRIC = metric("RoutingRulesPerApplicationLoadBalancer");

  private static final ServiceConfig SERVICE =
      aService(ELB, Scope.REGIONAL, ALBS, LISTENERS, RULES, CERTS);

  @TempDir Path root;

  private MutableClock clock;
  private LimitCache limitCache;
  private UsageCache usageCache;
  private InMemoryServiceQuotas quotas;
  private InMemoryUsageCounters counters;
  private InMemoryUsageMetrics cloudwatch;
  private DirectCallGuards guards;

  private static UsageMetric metric(String resource) {
    return new UsageMetric("AWS/Usage", "ResourceCount", Map.of("Resource", resource), "Maximum");
  }

  private static ApiQuota quota(String code, double value, UsageMetric metric) {
    return new ApiQuota(code, "Quota " + code, value, "None", metric, null);
  }

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    limitCache = new LimitCache(root, LIMIT_TTL, clock);
    usageCache = new UsageCache(root, USAGE_TTL, clock);
    quotas = new InMemoryServiceQuotas();
    counters = new InMemoryUsageCounters();
    cloudwatch = new InMemoryUsageMetrics();
    guards = new DirectCallGuards();
    // ALBs: counted. Listeners: a metric with a datapoint. Rules: a metric without one.
    // Certificates: neither.
    quotas.defaults(
        ELB,
        quota(ALBS, 50, ALBS_METRIC),
        quota(LISTENERS, 50, LISTENERS_METRIC),
        quota(RULES, 100, RULES_METRIC),
        anApiQuota(CERTS, 25));
    counters.count(ELB, ALBS, 3);
    cloudwatch.datapoint(LISTENERS_METRIC, 7).datapoint(ALBS_METRIC, 999);
  }

  private UsageCollector collector(boolean force) {
    return new UsageCollector(
        new LimitCollector(limitCache, quotas, guards, clock, false),
        usageCache,
        counters,
        cloudwatch,
        guards,
        clock,
        force);
  }

  private TargetResult.Collected collect(Target target, ServiceConfig service, boolean force) {
    TargetResult r = collector(force).collect(target, service);
    assertThat(r).isInstanceOf(TargetResult.Collected.class);
    return (TargetResult.Collected) r;
  }

  private TargetResult.Collected collect() {
    return collect(TARGET, SERVICE, false);
  }

  @Test
  void limitsThenCounterValuesThenCloudWatchForTheGapsThenUnknownWithReason() {
    var result = collect();

    assertThat(result.limits())
        .extracting(QuotaLimit::code)
        .containsExactly(CERTS, ALBS, LISTENERS, RULES);
    assertThat(result.usage())
        .containsExactly(
            new QuotaUsage(ALBS, 3, UsageOrigin.COUNTER),
            new QuotaUsage(LISTENERS, 7, UsageOrigin.CLOUDWATCH));
    assertThat(result.unknownUsage())
        .containsExactlyInAnyOrder(
            RULES + ": no datapoint for its usage metric in the last hour",
            CERTS + ": no counter and no usage metric");
    assertThat(result.fromCache()).isFalse();
    // The counter is given the target's limits; CloudWatch only the metrics it must fill in (the
    // counted ALB quota's metric is not asked for, though it has a datapoint).
    assertThat(counters.opened()).containsExactly(new InMemoryUsageCounters.Opened(ID, EU, ELB));
    assertThat(counters.asked()).containsExactly(List.of(CERTS, ALBS, LISTENERS, RULES));
    assertThat(cloudwatch.asked()).containsExactly(List.of(LISTENERS_METRIC, RULES_METRIC));
    assertThat(guards.calls(InMemoryUsageMetrics.SERVICE, InMemoryUsageMetrics.OPERATION))
        .isEqualTo(1);
    assertThat(quotas.totalCalls()).isEqualTo(2);
  }

  @Test
  void theUsageIsCachedAsCollected() {
    var result = collect();

    assertThat(usageCache.path(ID, EU, ELB))
        .isEqualTo(root.resolve(ID).resolve("eu-west-1").resolve(ELB + ".usage.json"))
        .exists();
    var lookup = usageCache.read(ID, EU, ELB);
    assertThat(lookup).isInstanceOf(Lookup.Fresh.class);
    var fresh = (Lookup.Fresh<UsageCache.Entry>) lookup;
    assertThat(fresh.fetchedAt()).isEqualTo(T0);
    assertThat(fresh.data()).isEqualTo(new UsageCache.Entry(result.usage(), result.unknownUsage()));
  }

  @Test
  void quotasWithNeitherCounterNorMetricAreUnknownNeverZero() {
    quotas.defaults("ebs", anApiQuota("L-D18FCD1D", 50), anApiQuota("L-7A658B76", 300));
    Target ebs = new Target(ACCOUNT, EU, "ebs");

    var result = collect(ebs, aService("ebs", Scope.REGIONAL, "L-D18FCD1D", "L-7A658B76"), false);

    assertThat(result.limits()).hasSize(2);
    assertThat(result.usage()).isEmpty();
    assertThat(result.unknownUsage())
        .containsExactly(
            "L-7A658B76: no counter and no usage metric",
            "L-D18FCD1D: no counter and no usage metric");
    // ebs has no counter here and nothing has a metric: neither is called.
    assertThat(counters.opened()).containsExactly(new InMemoryUsageCounters.Opened(ID, EU, "ebs"));
    assertThat(counters.countCalls()).isZero();
    assertThat(cloudwatch.calls()).isZero();
    assertThat(guards.calls(InMemoryUsageMetrics.SERVICE, InMemoryUsageMetrics.OPERATION)).isZero();
  }

  @Test
  void aNanCountIsNotAUsageAndCloudWatchFillsIn() {
    counters.count(ELB, ALBS, Double.NaN);
    cloudwatch.datapoint(ALBS_METRIC, 4);

    var result = collect();

    assertThat(result.usage())
        .contains(new QuotaUsage(ALBS, 4, UsageOrigin.CLOUDWATCH))
        .noneMatch(u -> Double.isNaN(u.value()));
    assertThat(cloudwatch.asked().get(0)).contains(ALBS_METRIC);
  }

  @Test
  void aSecondCollectWithinTheUsageTtlMakesNoCounterOrMetricCall() {
    var first = collect();
    counters.count(ELB, ALBS, 40);
    cloudwatch.datapoint(LISTENERS_METRIC, 41);
    clock.advance(USAGE_TTL.minusMinutes(1));

    var second = collect();

    assertThat(second.usage()).isEqualTo(first.usage());
    assertThat(second.unknownUsage()).isEqualTo(first.unknownUsage());
    assertThat(second.fromCache()).isTrue();
    assertThat(counters.opened()).hasSize(1);
    assertThat(counters.countCalls()).isEqualTo(1);
    assertThat(cloudwatch.calls()).isEqualTo(1);
    assertThat(quotas.totalCalls()).isEqualTo(2);
  }

  @Test
  void anExpiredUsageEntryIsCountedAgainWhileTheLimitsStayCached() {
    collect();
    counters.count(ELB, ALBS, 40);
    cloudwatch.datapoint(LISTENERS_METRIC, 41);
    clock.advance(USAGE_TTL.plusMinutes(1));

    var result = collect();

    assertThat(result.usage())
        .containsExactly(
            new QuotaUsage(ALBS, 40, UsageOrigin.COUNTER),
            new QuotaUsage(LISTENERS, 41, UsageOrigin.CLOUDWATCH));
    assertThat(result.fromCache()).isFalse();
    assertThat(counters.countCalls()).isEqualTo(2);
    assertThat(cloudwatch.calls()).isEqualTo(2);
    assertThat(quotas.totalCalls()).isEqualTo(2);
  }

  @Test
  void forceBypassesTheUsageCacheButNotTheLimitCache() {
    collect();
    counters.count(ELB, ALBS, 40);
    clock.advance(Duration.ofMinutes(5));

    var result = collect(TARGET, SERVICE, true);

    assertThat(result.usage()).contains(new QuotaUsage(ALBS, 40, UsageOrigin.COUNTER));
    assertThat(result.fromCache()).isFalse();
    assertThat(counters.countCalls()).isEqualTo(2);
    assertThat(cloudwatch.calls()).isEqualTo(2);
    assertThat(quotas.totalCalls()).isEqualTo(2);
    var lookup = usageCache.read(ID, EU, ELB);
    assertThat(((Lookup.Fresh<UsageCache.Entry>) lookup).fetchedAt())
        .isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aCorruptUsageEntryIsCountedAgainAndRewritten() throws Exception {
    collect();
    Path file = usageCache.path(ID, EU, ELB);
    Files.writeString(file, "[]");

    var result = collect();

    assertThat(result.usage()).hasSize(2);
    assertThat(counters.countCalls()).isEqualTo(2);
    assertThat(usageCache.read(ID, EU, ELB)).isInstanceOf(Lookup.Fresh.class);
  }

  @Test
  void aFailingLimitCollectionFailsTheTargetWithoutCounting() {
    quotas.failing(FailureKind.ACCESS_DENIED);

    assertThatThrownBy(() -> collector(false).collect(TARGET, SERVICE))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.ACCESS_DENIED));

    assertThat(counters.opened()).isEmpty();
    assertThat(counters.countCalls()).isZero();
    assertThat(cloudwatch.calls()).isZero();
    assertThat(usageCache.path(ID, EU, ELB)).doesNotExist();
  }

  @Test
  void aFailingCounterFailsTheTargetAndCachesNoUsage() {
    counters.failing(FailureKind.THROTTLED);

    assertThatThrownBy(() -> collector(false).collect(TARGET, SERVICE))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.THROTTLED));

    assertThat(cloudwatch.calls()).isZero();
    assertThat(usageCache.path(ID, EU, ELB)).doesNotExist();
    // The limits were fetched before the counter failed and stay cached.
    assertThat(limitCache.read(ID, EU, ELB)).isInstanceOf(Lookup.Fresh.class);
  }

  @Test
  void aGlobalServiceIsCountedInUsEast1AndCachedUnderGlobal() {
    quotas.defaults("route53", anApiQuota("L-4EA4796A", 500));
    counters.count("route53", "L-4EA4796A", 12);
    Target route53 = new Target(ACCOUNT, Region.GLOBAL, "route53");

    var result = collect(route53, aService("route53", Scope.GLOBAL, "L-4EA4796A"), false);

    assertThat(result.usage())
        .containsExactly(new QuotaUsage("L-4EA4796A", 12, UsageOrigin.COUNTER));
    assertThat(counters.opened())
        .containsExactly(new InMemoryUsageCounters.Opened(ID, Region.US_EAST_1, "route53"));
    assertThat(guards.made()).allMatch(m -> m.apiRegion().equals("us-east-1"));
    assertThat(root.resolve(ID).resolve("global").resolve("route53.usage.json")).exists();
  }
}
